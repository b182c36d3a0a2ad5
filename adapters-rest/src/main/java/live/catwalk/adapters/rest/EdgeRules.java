package live.catwalk.adapters.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import live.catwalk.core.mcp.domain.http.HttpRules;

/**
 * What the server checks on every request line and {@code Host} before any handler runs, as pure functions:
 * a path whose percent-encoding is malformed or hides a {@code /}, {@code \} or NUL is a 400 (Grizzly would
 * answer those 500 with an empty body); outside the MCP endpoints a missing or malformed {@code Host} is a
 * 400 (Jersey cannot build a request URI from it) and a {@code Host} that is neither loopback nor allowed is
 * a 421, the DNS-rebinding rule the MCP endpoints apply in core.
 */
final class EdgeRules {

    /**
     * An MCP endpoint path exactly as the MCP handler routes it: no escapes, dot segments or parameters, so
     * nothing else can be reached through it. Core checks its {@code Host} with a JSON-RPC answer.
     */
    private static final Pattern MCP_PATH = Pattern.compile("/(api/)?mcp(/(?!\\.\\.?(/|$))[A-Za-z0-9._~-]*)?/?");

    /** A refusal: the status and problem to answer, and whether it is worth an INFO line in the log. */
    record Refusal(int status, Problem problem, boolean notable) {
    }

    private EdgeRules() {
    }

    /**
     * The refusal for this request, if any. {@code rawPath} is the request path as sent (no query), {@code host}
     * the {@code Host} header (null when absent); {@code allowedHosts} as for the MCP endpoints ({@code *}: any).
     */
    static Optional<Refusal> check(String rawPath, String host, Set<String> allowedHosts) {
        Optional<String> badPath = pathProblem(rawPath);
        if (badPath.isPresent()) {
            return Optional.of(new Refusal(400, Problem.forStatus(400, badPath.get(),
                    "Send the path with each segment percent-encoded once, without encoded slashes."), false));
        }
        if (MCP_PATH.matcher(rawPath).matches()) {
            return Optional.empty();
        }
        if (host == null || host.isBlank()) {
            return Optional.of(new Refusal(400, Problem.forStatus(400, "The request has no Host header.",
                    "Send Host: with the name and port this server is reached at."), false));
        }
        if (!wellFormedHost(host.strip())) {
            return Optional.of(new Refusal(400, Problem.forStatus(400, "The Host header is not a valid host[:port].",
                    "Send Host: with the name and port this server is reached at, e.g. Host: 127.0.0.1:8080."), false));
        }
        if (!HttpRules.hostAllowed(host, allowedHosts)) {
            return Optional.of(new Refusal(421, Problem.forStatus(421,
                    "This server does not answer to that Host name (DNS rebinding protection).",
                    "Use the server's public URL, or add the name to the allowed hosts (CATWALK_ALLOWED_HOSTS)."),
                    true));
        }
        return Optional.empty();
    }

    /**
     * The refusal (413) of a body whose {@code Content-Length} exceeds {@code maxBodyBytes}, outside the MCP endpoints:
     * those check the caller's token first and answer an oversized body themselves, as JSON-RPC.
     */
    static Optional<Refusal> checkLength(String rawPath, long declaredLength, long maxBodyBytes) {
        if (declaredLength <= maxBodyBytes || MCP_PATH.matcher(rawPath).matches()) {
            return Optional.empty();
        }
        return Optional.of(new Refusal(413, Problem.tooLarge(maxBodyBytes), false));
    }

    /** Why the raw path cannot be decoded safely, if it cannot. */
    static Optional<String> pathProblem(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return Optional.of("The request has no path.");
        }
        for (int i = 0; i < rawPath.length(); i++) {
            if (rawPath.charAt(i) != '%') {
                continue;
            }
            if (i + 2 >= rawPath.length() || hex(rawPath.charAt(i + 1)) < 0 || hex(rawPath.charAt(i + 2)) < 0) {
                return Optional.of("The request path has a malformed percent-escape.");
            }
            int decoded = hex(rawPath.charAt(i + 1)) * 16 + hex(rawPath.charAt(i + 2));
            if (decoded == '/' || decoded == '\\' || decoded == 0) {
                return Optional.of("The request path has an encoded '/', '\\' or NUL (%2F, %5C, %00), which is not accepted.");
            }
            i += 2;
        }
        return Optional.empty();
    }

    /** Whether {@code host[:port]} is a host name, an IPv4 address or a bracketed IPv6 literal, with a valid port. */
    static boolean wellFormedHost(String host) {
        try {
            URI uri = new URI("http://" + host + "/");
            return uri.getHost() != null && uri.getRawUserInfo() == null && "/".equals(uri.getRawPath())
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getPort() <= 65_535;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
