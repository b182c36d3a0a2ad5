package live.catwalk.adapters.rest.mcp;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code token} query parameter, for MCP clients that cannot set an {@code Authorization} header. Read
 * from the query string alone: Grizzly's {@code getParameter} would also consume a form-encoded body. A URL
 * carrying it is only ever logged through {@link #redact}.
 */
final class QueryToken {

    private static final Pattern TOKEN_VALUE = Pattern.compile("(?i)((?:^|[?&;])token=)[^&;#\\s]*");

    private QueryToken() {
    }

    static Optional<String> of(String queryString) {
        if (queryString == null || queryString.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equals("token") && eq >= 0) {
                try {
                    String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).strip();
                    return value.isEmpty() ? Optional.empty() : Optional.of(value);
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** The URI or query string with every {@code token=} value replaced by {@code ***}. */
    static String redact(String uriOrQuery) {
        return uriOrQuery == null ? null : TOKEN_VALUE.matcher(uriOrQuery).replaceAll("$1***");
    }
}
