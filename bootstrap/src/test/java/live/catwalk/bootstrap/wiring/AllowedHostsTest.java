package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;
import live.catwalk.bootstrap.config.CatwalkConfig;
import org.junit.jupiter.api.Test;

/** The Host names every route answers to besides loopback (the same list for /api and /mcp). */
class AllowedHostsTest {

    private static Set<String> hosts(Map<String, String> env) {
        return Application.gatewaySettings(CatwalkConfig.fromEnvironment(env)).allowedHosts();
    }

    @Test
    void theConfiguredHostsAndThePublicUrlsHost() {
        assertEquals(Set.of("a.example", "b.example", "catwalk.example.com", "127.0.0.1"), hosts(Map.of(
                "CATWALK_ALLOWED_HOSTS", "a.example,b.example", "CATWALK_PUBLIC_URL", "https://catwalk.example.com")));
    }

    @Test
    void aSpecificBindAddressIsIncludedSinceLinksNameItButAWildcardIsNot() {
        assertEquals(Set.of("192.0.2.7"), hosts(Map.of("CATWALK_BIND", "192.0.2.7")));
        assertEquals(Set.of("[::1]"), hosts(Map.of("CATWALK_BIND", "::1")));
        assertEquals(Set.of(), hosts(Map.of("CATWALK_BIND", "0.0.0.0")));
        assertEquals(Set.of(), hosts(Map.of("CATWALK_BIND", "::")));
    }
}
