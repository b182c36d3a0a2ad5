package live.catwalk.bootstrap.config;

import java.util.Objects;
import java.util.Optional;
import live.catwalk.adapters.rest.RateLimits;
import live.catwalk.adapters.rest.TrustedProxies;
import live.catwalk.core.shared.limit.RateLimit;

/**
 * The rate limits as configured: the HTTP edge's (failed authentications per address and per token prefix, requests
 * per token, registrations per address, and the proxies trusted to name the client) and analyses started per user.
 */
public record RateLimitsConfig(RateLimits edge, Optional<RateLimit> analysesPerUser) {

    public RateLimitsConfig {
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(analysesPerUser, "analysesPerUser");
    }

    /** The limits; null after recording each bad variable's problem. */
    static RateLimitsConfig read(CatwalkConfig.Reader r) {
        TrustedProxies proxies = r.read(ConfigVariable.TRUSTED_PROXIES, TrustedProxies::parse);
        Optional<RateLimit> perAddress = r.read(ConfigVariable.RATE_FAILED_AUTH_PER_ADDRESS, ConfigValues::rate);
        Optional<RateLimit> perPrefix = r.read(ConfigVariable.RATE_FAILED_AUTH_PER_PREFIX, ConfigValues::rate);
        Optional<RateLimit> perToken = r.read(ConfigVariable.RATE_PER_TOKEN, ConfigValues::rate);
        Optional<RateLimit> registrations = r.read(ConfigVariable.RATE_REGISTRATIONS_PER_ADDRESS, ConfigValues::rate);
        Optional<RateLimit> analyses = r.read(ConfigVariable.RATE_ANALYSES_PER_USER, ConfigValues::rate);
        if (proxies == null || perAddress == null || perPrefix == null || perToken == null || registrations == null
                || analyses == null) {
            return null;
        }
        return new RateLimitsConfig(new RateLimits(perAddress, perPrefix, perToken, registrations, proxies), analyses);
    }
}
