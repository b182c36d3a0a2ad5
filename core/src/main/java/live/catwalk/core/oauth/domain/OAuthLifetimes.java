package live.catwalk.core.oauth.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * How long what the authorization server issues lives: access tokens, refresh tokens (each rotation starts a new
 * one) and authorization codes (at most 10 minutes, RFC 6749 §4.1.2).
 */
public record OAuthLifetimes(Duration access, Duration refresh, Duration code) {

    /** Access 1 hour, refresh 30 days, code 10 minutes. */
    public static final OAuthLifetimes DEFAULT = new OAuthLifetimes(Duration.ofHours(1), Duration.ofDays(30),
            Duration.ofMinutes(10));

    public OAuthLifetimes {
        positive(Objects.requireNonNull(access, "access"), "access");
        positive(Objects.requireNonNull(refresh, "refresh"), "refresh");
        positive(Objects.requireNonNull(code, "code"), "code");
        if (code.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("an authorization code lives at most 10 minutes: " + code);
        }
        if (refresh.compareTo(access) < 0) {
            throw new IllegalArgumentException("a refresh token lives at least as long as an access token");
        }
    }

    private static void positive(Duration d, String name) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " lifetime must be positive: " + d);
        }
    }
}
