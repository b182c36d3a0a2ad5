package live.catwalk.adapters.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.glassfish.grizzly.http.server.Request;

/**
 * Who a request comes from, as the rate limits count it: the socket's peer, or, when the peer is a {@link
 * TrustedProxies trusted proxy}, the rightmost {@code X-Forwarded-For} entry that is not one (entries a client wrote
 * itself are to its left, and never read). An IPv6 client counts as its /64, which one subscriber usually holds
 * whole. {@link EdgeGuard} works it out once per request and keeps it as a request attribute.
 */
public final class ClientAddress {

    static final String ATTRIBUTE = ClientAddress.class.getName();
    /** What a request whose peer is not known counts as. */
    static final String UNKNOWN = "unknown";

    private ClientAddress() {
    }

    /** The client of a Jersey request. */
    public static String of(ContainerRequestContext request) {
        return request.getProperty(ATTRIBUTE) instanceof String address ? address : UNKNOWN;
    }

    /** The client of a Grizzly request (the MCP handler's). */
    public static String of(Request request) {
        return request.getAttribute(ATTRIBUTE) instanceof String address ? address : UNKNOWN;
    }

    /** The client as a key: {@code 192.0.2.1}, or an IPv6 address's /64 such as {@code 2001:db8:0:1:0:0:0:0/64}. */
    static String resolve(Object peer, Iterable<String> forwardedFor, TrustedProxies trusted) {
        if (!(peer instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return UNKNOWN;
        }
        InetAddress client = socket.getAddress();
        if (trusted.contains(client)) {
            List<String> hops = new ArrayList<>();
            forwardedFor.forEach(header -> hops.addAll(List.of(header.split(","))));
            for (int i = hops.size() - 1; i >= 0; i--) {
                Optional<InetAddress> hop = TrustedProxies.literal(hops.get(i));
                if (hop.isEmpty()) {
                    break; // not written by a proxy of ours: the last good hop is the client
                }
                client = hop.get();
                if (!trusted.contains(client)) {
                    break;
                }
            }
        }
        return key(client);
    }

    private static String key(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] network = address.getAddress();
        java.util.Arrays.fill(network, 8, 16, (byte) 0);
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/64";
        } catch (UnknownHostException impossible) {
            return address.getHostAddress();
        }
    }
}
