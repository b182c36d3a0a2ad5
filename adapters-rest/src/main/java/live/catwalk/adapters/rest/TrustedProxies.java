package live.catwalk.adapters.rest;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed: IP addresses and CIDR blocks ({@code 10.0.0.0/8},
 * {@code fd00::/8}). Empty by default, when a request's client is always its socket's peer. Immutable.
 */
public final class TrustedProxies {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    /** One block: an address's first {@code bits} bits. */
    private record Block(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Block> blocks;

    private TrustedProxies(List<Block> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** No proxy is trusted. */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Comma-separated addresses and CIDR blocks, e.g. {@code 127.0.0.1, 10.0.0.0/8, fd00::/8}; empty for none.
     * {@link IllegalArgumentException}, phrased to follow the quoted value, for anything else (names are not
     * resolved).
     */
    public static TrustedProxies parse(String list) {
        List<Block> blocks = new ArrayList<>();
        for (String item : list.split(",")) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int slash = entry.indexOf('/');
            InetAddress address = literal(slash < 0 ? entry : entry.substring(0, slash)).orElseThrow(() ->
                    new IllegalArgumentException("has '" + entry + "', which is not an IP address or CIDR block"));
            int max = address.getAddress().length * 8;
            int bits = max;
            if (slash >= 0) {
                String suffix = entry.substring(slash + 1);
                bits = suffix.matches("\\d{1,3}") ? Integer.parseInt(suffix) : -1;
                if (bits < 0 || bits > max) {
                    throw new IllegalArgumentException("has '" + entry + "', whose prefix length is not 0 to " + max);
                }
            }
            blocks.add(new Block(address.getAddress(), bits));
        }
        return blocks.isEmpty() ? NONE : new TrustedProxies(blocks);
    }

    /** Whether {@code address} is one of the trusted proxies. */
    public boolean contains(InetAddress address) {
        if (blocks.isEmpty() || address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        return blocks.stream().anyMatch(b -> b.contains(bytes));
    }

    /**
     * An IP address written out ({@code 192.0.2.1}, {@code 2001:db8::1}, bracketed or not, with a port or not, as
     * {@code X-Forwarded-For} entries may be); empty for anything else. Never a DNS lookup.
     */
    static Optional<InetAddress> literal(String text) {
        String t = text.strip();
        if (t.startsWith("[")) {
            int end = t.indexOf(']');
            if (end < 0) {
                return Optional.empty();
            }
            t = t.substring(1, end);
        } else if (t.indexOf(':') > 0 && t.indexOf(':') == t.lastIndexOf(':') && t.contains(".")) {
            t = t.substring(0, t.indexOf(':')); // IPv4 with a port
        }
        var v4 = IPV4.matcher(t);
        try {
            if (v4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) {
                        return Optional.empty();
                    }
                    bytes[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(bytes));
            }
            // With a colon and nothing but hex digits, colons and dots, the JDK parses it as a literal, never looks it up.
            return IPV6.matcher(t).matches() ? Optional.of(InetAddress.getByName(t)) : Optional.empty();
        } catch (UnknownHostException malformed) {
            return Optional.empty();
        }
    }
}
