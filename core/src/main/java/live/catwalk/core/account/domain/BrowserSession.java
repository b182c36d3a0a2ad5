package live.catwalk.core.account.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import live.catwalk.core.shared.domain.UserId;

/**
 * A signed-in browser: who, through which personal token, since when, last seen when, and until when at most. Its
 * secret (the cookie's value) is never kept, only its hash; the CSRF token a page sends back with every change is
 * derived from the secret ({@link #csrfFor}), so it needs no storage either. Immutable.
 */
public record BrowserSession(TokenHash id, UserId user, TokenId token, Instant createdAt, Instant lastSeenAt,
                             Instant expiresAt) {

    /** A session unused this long ends. */
    public static final Duration IDLE = Duration.ofHours(12);
    /** A session ends this long after sign-in, used or not. */
    public static final Duration LIFETIME = Duration.ofDays(7);

    public BrowserSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeenAt, "lastSeenAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** A session signed in at {@code now}. */
    public static BrowserSession started(TokenHash id, UserId user, TokenId token, Instant now) {
        return new BrowserSession(id, user, token, now, now, now.plus(LIFETIME));
    }

    /** Whether it is still valid at {@code now}: before its end, and used within {@link #IDLE}. */
    public boolean liveAt(Instant now) {
        return now.isBefore(expiresAt) && now.isBefore(lastSeenAt.plus(IDLE));
    }

    /** This session, seen at {@code now}. */
    public BrowserSession seenAt(Instant now) {
        return new BrowserSession(id, user, token, createdAt, now, expiresAt);
    }

    /** The CSRF token of the session whose secret is {@code secret}: a hash no other session shares. */
    public static String csrfFor(String secret) {
        return TokenHash.of("csrf:" + secret).hex();
    }
}
