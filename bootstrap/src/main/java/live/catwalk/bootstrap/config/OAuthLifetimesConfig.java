package live.catwalk.bootstrap.config;

import java.time.Duration;
import live.catwalk.core.oauth.domain.OAuthLifetimes;

/**
 * The authorization server's lifetimes as configured: access tokens 1 minute to 24 hours, refresh tokens 1 hour to
 * 365 days and never shorter than an access token, authorization codes 10 seconds to 10 minutes.
 */
final class OAuthLifetimesConfig {

    private OAuthLifetimesConfig() {
    }

    /** The lifetimes; null after recording each bad variable's problem. */
    static OAuthLifetimes read(CatwalkConfig.Reader r) {
        Duration access = r.read(ConfigVariable.OAUTH_ACCESS_TTL,
                v -> ConfigValues.duration(v, Duration.ofMinutes(1), Duration.ofHours(24)));
        Duration refresh = r.read(ConfigVariable.OAUTH_REFRESH_TTL,
                v -> ConfigValues.duration(v, Duration.ofHours(1), Duration.ofDays(365)));
        Duration code = r.read(ConfigVariable.OAUTH_CODE_TTL,
                v -> ConfigValues.duration(v, Duration.ofSeconds(10), Duration.ofMinutes(10)));
        if (access != null && refresh != null && refresh.compareTo(access) < 0) {
            r.problem(ConfigVariable.OAUTH_REFRESH_TTL, "Shorter than CATWALK_OAUTH_ACCESS_TTL",
                    "Expected " + ConfigVariable.OAUTH_REFRESH_TTL.expected + ".");
            return null;
        }
        return access == null || refresh == null || code == null ? null : new OAuthLifetimes(access, refresh, code);
    }
}
