package live.catwalk.adapters.llm.cimd;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * Whether an address is on the public internet, as a fetch on a stranger's behalf may reach: not loopback, private,
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, unique-local, multicast, reserved or for
 * documentation, including such an IPv4 address inside an IPv6 one (mapped, compatible or NAT64).
 */
final class PublicAddresses {

    private PublicAddresses() {
    }

    static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return publicV4(b);
        }
        if (address instanceof Inet6Address) {
            return publicV6(b);
        }
        return false;
    }

    private static boolean publicV6(byte[] b) {
        int first = b[0] & 0xff;
        if ((first & 0xfe) == 0xfc || first == 0xff) {
            return false; // unique-local fc00::/7, multicast
        }
        if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
            return false; // link-local fe80::/10
        }
        if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
            return false; // documentation 2001:db8::/32
        }
        byte[] head = Arrays.copyOf(b, 12);
        byte[] v4 = Arrays.copyOfRange(b, 12, 16);
        boolean zeros = Arrays.equals(Arrays.copyOf(b, 10), new byte[10]);
        boolean mapped = zeros && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = Arrays.equals(head, new byte[12]);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        if (mapped || compatible || nat64) {
            return publicV4(v4);
        }
        return true;
    }

    private static boolean publicV4(byte[] b) {
        int a = b[0] & 0xff;
        int c = b[1] & 0xff;
        int d = b[2] & 0xff;
        return !(a == 0 || a == 10 || a == 127 || a >= 224                 // this network, private, loopback, multicast+
                || a == 100 && (c & 0xc0) == 64                            // carrier-grade NAT 100.64/10
                || a == 169 && c == 254                                    // link-local, cloud metadata
                || a == 172 && (c & 0xf0) == 16                            // private 172.16/12
                || a == 192 && c == 168                                    // private 192.168/16
                || a == 192 && c == 0 && (d == 0 || d == 2)                // IETF 192.0.0/24, TEST-NET-1
                || a == 198 && (c == 18 || c == 19)                        // benchmarking 198.18/15
                || a == 198 && c == 51 && d == 100                         // TEST-NET-2
                || a == 203 && c == 0 && d == 113);                        // TEST-NET-3
    }
}
