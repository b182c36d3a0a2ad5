package live.catwalk.core.mcp.domain.http;

import java.util.Locale;
import java.util.Set;

/**
 * The Streamable HTTP header rules as pure functions: Accept, Content-Type, and the Host and Origin
 * checks that keep a browser on another site (DNS rebinding) away from the endpoint.
 */
public final class HttpRules {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

    private HttpRules() {
    }

    /** Whether an Accept header admits {@code type/subtype} (wildcards count; no header means no). */
    public static boolean accepts(String accept, String type, String subtype) {
        if (accept == null) {
            return false;
        }
        int start = 0;
        while (start <= accept.length()) { // no split, no stream: this runs on every request
            int comma = accept.indexOf(',', start);
            int end = comma < 0 ? accept.length() : comma;
            int semicolon = accept.indexOf(';', start);
            String range = accept.substring(start, semicolon >= 0 && semicolon < end ? semicolon : end).strip();
            int slash = range.indexOf('/');
            if (slash > 0) {
                String t = range.substring(0, slash);
                String s = range.substring(slash + 1);
                if ((t.equalsIgnoreCase(type) && (s.equalsIgnoreCase(subtype) || s.equals("*")))
                        || (t.equals("*") && s.equals("*"))) {
                    return true;
                }
            }
            start = end + 1;
        }
        return false;
    }

    /** Whether a Content-Type header is JSON ({@code application/json}, any parameters). */
    public static boolean isJson(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].strip().equalsIgnoreCase("application/json");
    }

    /** Whether a Host header names this gateway: a loopback name or an allowed host, any port. */
    public static boolean hostAllowed(String host, Set<String> allowedHosts) {
        if (host == null || host.isBlank()) {
            return false;
        }
        if (allowedHosts.contains("*")) {
            return true;
        }
        String name = hostName(host.strip().toLowerCase(Locale.ROOT));
        return LOOPBACK.contains(name) || allowedHosts.stream().anyMatch(a -> a.equalsIgnoreCase(name));
    }

    /**
     * Whether an Origin header may call the endpoint: absent (not a browser), a loopback origin, or one
     * of the allowed origins. The opaque origin {@code null} is refused.
     */
    public static boolean originAllowed(String origin, Set<String> allowedOrigins) {
        if (origin == null) {
            return true;
        }
        if (allowedOrigins.contains("*")) {
            return true;
        }
        String o = origin.strip().toLowerCase(Locale.ROOT);
        int scheme = o.indexOf("://");
        if (scheme <= 0 || o.equals("null")) {
            return false;
        }
        String authority = o.substring(scheme + 3);
        if (authority.isEmpty() || authority.contains("/")) {
            return false;
        }
        if (LOOPBACK.contains(hostName(authority))) {
            return true;
        }
        String withoutPort = o.substring(0, scheme + 3) + hostName(authority);
        return allowedOrigins.stream().map(a -> a.strip().toLowerCase(Locale.ROOT))
                .anyMatch(a -> a.equals(o) || a.equals(withoutPort));
    }

    /** {@code host[:port]} → host; keeps the brackets of an IPv6 literal. */
    static String hostName(String authority) {
        if (authority.startsWith("[")) {
            int end = authority.indexOf(']');
            return end < 0 ? authority : authority.substring(0, end + 1);
        }
        int colon = authority.indexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }
}
