package live.catwalk.adapters.rest;

import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.shared.limit.RateLimit;

/**
 * The HTTP edge's rate limits as configured, each empty when off: failed authentications per client address and per
 * token prefix (on {@code /api}, {@code /mcp}, {@code /token} and {@code /revoke}), requests per token, and dynamic
 * client registrations per client address; and the proxies whose {@code X-Forwarded-For} names the client.
 */
public record RateLimits(Optional<RateLimit> failedAuthPerAddress, Optional<RateLimit> failedAuthPerPrefix,
                         Optional<RateLimit> requestsPerToken, Optional<RateLimit> registrationsPerAddress,
                         TrustedProxies trustedProxies) {

    private static final RateLimits NONE = new RateLimits(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), TrustedProxies.none());

    public RateLimits {
        Objects.requireNonNull(failedAuthPerAddress, "failedAuthPerAddress");
        Objects.requireNonNull(failedAuthPerPrefix, "failedAuthPerPrefix");
        Objects.requireNonNull(requestsPerToken, "requestsPerToken");
        Objects.requireNonNull(registrationsPerAddress, "registrationsPerAddress");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
    }

    /** Nothing limited, no proxy trusted: what a server gets unless it is given limits (a runner's, a test's). */
    public static RateLimits none() {
        return NONE;
    }
}
