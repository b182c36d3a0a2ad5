package live.catwalk.adapters.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;
import live.catwalk.core.shared.limit.RateLimit;

/**
 * The body of every error the server sends: a stable {@code error} code, a human {@code message},
 * and optionally the {@code field} at fault, a {@code hint} on how to fix it and, for a rate limit, the seconds to
 * wait ({@code retryAfter}, as the {@code Retry-After} header says).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(String error, String message, String field, String hint, Long retryAfter) {

    static final String MEDIA_TYPE = "application/json";

    static Problem of(CatwalkException e) {
        return new Problem(e.code(), e.getMessage(), e.field().orElse(null), e.hint().orElse(null),
                e.retryAfter().map(RateLimit::seconds).orElse(null));
    }

    static Problem forStatus(int status, String message, String hint) {
        return new Problem(codeOf(status), message, null, hint, null);
    }

    /** A body larger than {@code maxBodyBytes}: 413 {@code too_large}. */
    static Problem tooLarge(long maxBodyBytes) {
        return forStatus(413, "The request body is larger than " + maxBodyBytes + " bytes.", "Send a smaller body.");
    }

    /** The one place a {@link Kind} becomes an HTTP status. */
    static int statusOf(Kind kind) {
        return switch (kind) {
            case INVALID_INPUT -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case LIMIT_EXCEEDED -> 429;
            case INTERNAL -> 500;
            case UPSTREAM_UNAVAILABLE -> 503;
        };
    }

    /** Stable codes for statuses raised by Jersey or Grizzly rather than by Catwalk. */
    static String codeOf(int status) {
        return switch (status) {
            case 400 -> Kind.INVALID_INPUT.code();
            case 401 -> Kind.UNAUTHORIZED.code();
            case 403 -> Kind.FORBIDDEN.code();
            case 404 -> Kind.NOT_FOUND.code();
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 409 -> Kind.CONFLICT.code();
            case 413 -> Kind.TOO_LARGE.code();
            case 415 -> "unsupported_media_type";
            case 421 -> "misdirected_request";
            case 429 -> Kind.LIMIT_EXCEEDED.code();
            case 503 -> Kind.UPSTREAM_UNAVAILABLE.code();
            default -> status >= 500 ? Kind.INTERNAL.code() : "http_" + status;
        };
    }

    /** A request path fit to quote in a message: bounded, so a huge URL cannot bloat the answer. */
    static String quotePath(String path) {
        String p = path == null || path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
        return p.length() <= 200 ? p : p.substring(0, 200) + "…";
    }
}
