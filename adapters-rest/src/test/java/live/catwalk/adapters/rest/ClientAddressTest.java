package live.catwalk.adapters.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static InetSocketAddress peer(String ip) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(ip), 40_000);
    }

    @Test
    void withoutTrustedProxiesTheClientIsThePeerWhateverItForwards() throws Exception {
        assertEquals("192.0.2.7", ClientAddress.resolve(peer("192.0.2.7"), List.of("203.0.113.1"), TrustedProxies.none()));
    }

    @Test
    void behindATrustedProxyTheClientIsTheRightmostUntrustedHop() throws Exception {
        TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 127.0.0.1");

        assertEquals("203.0.113.9", ClientAddress.resolve(peer("10.1.2.3"),
                List.of("198.51.100.66, 203.0.113.9", "10.9.9.9"), proxies), "what the client wrote itself is left");
        assertEquals("198.51.100.1", ClientAddress.resolve(peer("127.0.0.1"), List.of("198.51.100.1:4711"), proxies));
        assertEquals("10.1.2.3", ClientAddress.resolve(peer("10.1.2.3"), List.of(), proxies), "nothing forwarded");
        assertEquals("10.9.9.9", ClientAddress.resolve(peer("10.1.2.3"), List.of("evil.example, 10.9.9.9"), proxies),
                "a hop that is no address stops the walk at the last proxy");
        assertEquals("192.0.2.7", ClientAddress.resolve(peer("192.0.2.7"), List.of("203.0.113.1"), proxies),
                "an untrusted peer's header is not read");
    }

    @Test
    void anIpv6ClientCountsAsItsSlash64() throws Exception {
        String a = ClientAddress.resolve(peer("2001:db8:1:2::1"), List.of(), TrustedProxies.none());
        String b = ClientAddress.resolve(peer("2001:db8:1:2:ffff::9"), List.of(), TrustedProxies.none());
        String other = ClientAddress.resolve(peer("2001:db8:1:3::1"), List.of(), TrustedProxies.none());

        assertEquals("2001:db8:1:2:0:0:0:0/64", a);
        assertEquals(a, b);
        assertFalse(a.equals(other));
        TrustedProxies v6 = TrustedProxies.parse("fd00::/8");
        assertEquals("2001:db8:0:0:0:0:0:0/64",
                ClientAddress.resolve(peer("fd12::1"), List.of("[2001:db8::5]:443"), v6));
    }

    @Test
    void anUnknownPeerCountsAsUnknown() {
        assertEquals(ClientAddress.UNKNOWN, ClientAddress.resolve(null, List.of(), TrustedProxies.none()));
    }

    @Test
    void trustedProxiesAreAddressesAndBlocksOnly() throws Exception {
        TrustedProxies proxies = TrustedProxies.parse(" 192.0.2.0/24 ,2001:db8::1,");

        assertTrue(proxies.contains(InetAddress.getByName("192.0.2.200")));
        assertFalse(proxies.contains(InetAddress.getByName("192.0.3.1")));
        assertTrue(proxies.contains(InetAddress.getByName("2001:db8::1")));
        assertFalse(proxies.contains(InetAddress.getByName("2001:db8::2")));
        assertFalse(TrustedProxies.parse("").contains(InetAddress.getByName("127.0.0.1")));
        assertTrue(TrustedProxies.parse("0.0.0.0/0").contains(InetAddress.getByName("198.51.100.1")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.example", "10.0.0.0/33", "256.1.1.1", "10.0.0.0/x", "::1/129", "1.2.3"})
    void anythingElseIsRefusedWithoutALookup(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse(bad));

        assertTrue(e.getMessage().contains(bad.split("/")[0]), e.getMessage());
    }

    @Test
    void literalsAreReadWithoutResolvingNames() {
        assertEquals(Optional.empty(), TrustedProxies.literal("localhost"));
        assertEquals(Optional.empty(), TrustedProxies.literal("999.0.0.1"));
        assertEquals(Optional.empty(), TrustedProxies.literal("[::1"));
        assertTrue(TrustedProxies.literal(" [::1] ").isPresent());
    }
}
