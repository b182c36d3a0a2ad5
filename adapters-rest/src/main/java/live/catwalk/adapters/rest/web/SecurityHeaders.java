package live.catwalk.adapters.rest.web;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers the dashboard's page and files carry besides those every response gets at the edge ({@code nosniff},
 * {@code no-referrer}, see {@code EdgeGuard}): same-origin resources only, and for the page no framing.
 */
final class SecurityHeaders {

    static final Map<String, String> FOR_FILES = Map.of("Cross-Origin-Resource-Policy", "same-origin");

    private SecurityHeaders() {
    }

    /**
     * The page's headers: a Content-Security-Policy that runs only this origin's scripts and the one inline
     * import map (by its hash), loads nothing from elsewhere and cannot be framed.
     */
    static Map<String, String> forPage(String importMapHash) {
        Map<String, String> headers = new LinkedHashMap<>(FOR_FILES);
        headers.put("Content-Security-Policy", String.join("; ",
                "default-src 'none'",
                "script-src 'self' 'sha256-" + importMapHash + "'",
                "style-src 'self'",
                "img-src 'self' data:",
                "font-src 'self'",
                "connect-src 'self'",
                "manifest-src 'self'",
                "base-uri 'none'",
                "form-action 'self'",
                "frame-ancestors 'none'"));
        headers.put("X-Frame-Options", "DENY");
        headers.put("Cache-Control", "no-cache");
        return headers;
    }
}
