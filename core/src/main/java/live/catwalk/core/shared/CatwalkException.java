package live.catwalk.core.shared;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exception Catwalk throws for an outcome a caller must handle: a {@link Kind} that decides
 * how each edge reports it, a stable machine-readable {@code code}, a human message, and optionally the
 * input field at fault, a hint on how to fix it and, for a rate limit, how long to wait before retrying. Messages
 * never contain secrets.
 */
public final class CatwalkException extends RuntimeException {

    /** What went wrong, independent of transport; each edge maps it to its own status in one place. */
    public enum Kind {
        /** The caller sent something malformed or out of range. */
        INVALID_INPUT,
        /** No valid credentials were presented. */
        UNAUTHORIZED,
        /** Credentials are valid but the request is refused (e.g. an untrusted {@code Origin}). */
        FORBIDDEN,
        /** The thing does not exist, or belongs to someone else. */
        NOT_FOUND,
        /** The request conflicts with the current state (a concurrent update, a duplicate). */
        CONFLICT,
        /** A request or message is larger than the configured bound. */
        TOO_LARGE,
        /** A rate, count or quota bound was reached. */
        LIMIT_EXCEEDED,
        /** Something Catwalk depends on (a child process, Fly, a registry) did not answer usably. */
        UPSTREAM_UNAVAILABLE,
        /** A bug or an unexpected failure; details are logged, never returned. */
        INTERNAL;

        /** The default stable code for this kind, e.g. {@code invalid_input}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;
    private final String code;
    private final String field;
    private final String hint;
    private final Duration retryAfter;

    private CatwalkException(Kind kind, String code, String message, String field, String hint, Duration retryAfter,
                             Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = code == null ? kind.code() : code;
        this.field = field;
        this.hint = hint;
        this.retryAfter = retryAfter;
    }

    /** An exception of the given kind with the kind's default code. */
    public static CatwalkException of(Kind kind, String message) {
        return new CatwalkException(kind, null, message, null, null, null, null);
    }

    /** Bad input in one named field, with how to fix it; {@code hint} may be null. */
    public static CatwalkException invalidInput(String field, String message, String hint) {
        return new CatwalkException(Kind.INVALID_INPUT, null, message, field, hint, null, null);
    }

    /** Something the caller asked for does not exist (or is not theirs). */
    public static CatwalkException notFound(String message) {
        return of(Kind.NOT_FOUND, message);
    }

    /** A copy with a more specific stable code, e.g. {@code session_not_found}. */
    public CatwalkException withCode(String specificCode) {
        return new CatwalkException(kind, specificCode, getMessage(), field, hint, retryAfter, getCause());
    }

    /** A copy naming the input field at fault. */
    public CatwalkException withField(String fieldName) {
        return new CatwalkException(kind, code, getMessage(), fieldName, hint, retryAfter, getCause());
    }

    /** A copy carrying a hint on how to fix the problem. */
    public CatwalkException withHint(String fixHint) {
        return new CatwalkException(kind, code, getMessage(), field, fixHint, retryAfter, getCause());
    }

    /** A copy that keeps {@code cause} for the log; the cause never reaches a client. */
    public CatwalkException withCause(Throwable cause) {
        return new CatwalkException(kind, code, getMessage(), field, hint, retryAfter, cause);
    }

    /**
     * A copy saying how long the caller should wait before trying again (a rate limit's window); an edge sends it
     * as {@code Retry-After}. Positive.
     */
    public CatwalkException withRetryAfter(Duration wait) {
        if (wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("a retry-after wait is positive: " + wait);
        }
        return new CatwalkException(kind, code, getMessage(), field, hint, wait, getCause());
    }

    public Kind kind() {
        return kind;
    }

    /** Stable, lower-snake-case code clients may branch on. */
    public String code() {
        return code;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /** How long to wait before retrying, when the failure is a rate limit's. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
