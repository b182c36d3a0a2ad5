package live.catwalk.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.adapters.rest.RateLimits;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.limit.RateLimit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rate limits' variables: safe defaults, count/window or off, and the proxies trusted to name the client. */
class RateLimitsConfigTest {

    @Test
    void byDefaultFailuresAreTenAMinutePerAddressAndPrefixRegistrationsAndAnalysesTwentyAnHourAndNoTokenBudget()
            throws Exception {
        RateLimitsConfig rates = CatwalkConfig.defaults().rates();
        RateLimits edge = rates.edge();

        assertEquals(Optional.of(new RateLimit(10, Duration.ofMinutes(1))), edge.failedAuthPerAddress());
        assertEquals(Optional.of(new RateLimit(10, Duration.ofMinutes(1))), edge.failedAuthPerPrefix());
        assertEquals(Optional.empty(), edge.requestsPerToken());
        assertEquals(Optional.of(new RateLimit(20, Duration.ofHours(1))), edge.registrationsPerAddress());
        assertEquals(Optional.of(new RateLimit(20, Duration.ofHours(1))), rates.analysesPerUser());
        assertFalse(edge.trustedProxies().contains(InetAddress.getByName("127.0.0.1")), "no proxy is trusted");
    }

    @Test
    void eachIsSetAsCountSlashWindowOrTurnedOff() throws Exception {
        RateLimitsConfig rates = CatwalkConfig.fromEnvironment(Map.of(
                "CATWALK_RATE_FAILED_AUTH_PER_ADDRESS", "5/30s", "CATWALK_RATE_FAILED_AUTH_PER_PREFIX", "OFF",
                "CATWALK_RATE_PER_TOKEN", "6000 / 1m", "CATWALK_RATE_REGISTRATIONS_PER_ADDRESS", "off",
                "CATWALK_RATE_ANALYSES_PER_USER", "100/24h", "CATWALK_TRUSTED_PROXIES", "10.0.0.0/8, fd00::/8")).rates();

        assertEquals(Optional.of(new RateLimit(5, Duration.ofSeconds(30))), rates.edge().failedAuthPerAddress());
        assertEquals(Optional.empty(), rates.edge().failedAuthPerPrefix());
        assertEquals(Optional.of(new RateLimit(6000, Duration.ofMinutes(1))), rates.edge().requestsPerToken());
        assertEquals(Optional.empty(), rates.edge().registrationsPerAddress());
        assertEquals(Optional.of(new RateLimit(100, Duration.ofDays(1))), rates.analysesPerUser());
        assertTrue(rates.edge().trustedProxies().contains(InetAddress.getByName("10.20.30.40")));
        assertTrue(rates.edge().trustedProxies().contains(InetAddress.getByName("fdaa::3")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "CATWALK_RATE_FAILED_AUTH_PER_ADDRESS|10|is not a rate (count/window, e.g. 10/1m) or off|10/1m",
        "CATWALK_RATE_FAILED_AUTH_PER_PREFIX|0/1m|is outside 1-1000000000|or off",
        "CATWALK_RATE_PER_TOKEN|100/2d|is outside the allowed range|6000/1m",
        "CATWALK_RATE_REGISTRATIONS_PER_ADDRESS|20/hour|is not a duration|/register",
        "CATWALK_RATE_ANALYSES_PER_USER|many/1h|is not a whole number|analyses",
        "CATWALK_TRUSTED_PROXIES|proxy.internal|has 'proxy.internal', which is not an IP address or CIDR block|CIDR",
        "CATWALK_TRUSTED_PROXIES|10.0.0.0/40|whose prefix length is not 0 to 32|X-Forwarded-For"})
    void aBadValueNamesTheVariableTheProblemAndTheExpectedForm(String variable, String value, String problem,
                                                              String expected) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> CatwalkConfig.fromEnvironment(Map.of(variable, value)));

        CatwalkException only = e.problems().getFirst();
        assertEquals(List.of(variable), e.problems().stream().map(p -> p.field().orElseThrow()).toList());
        assertTrue(only.getMessage().contains(problem), only.getMessage());
        assertTrue(only.hint().orElseThrow().contains(expected), only.hint().orElseThrow());
    }
}
