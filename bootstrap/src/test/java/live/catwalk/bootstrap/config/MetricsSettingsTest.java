package live.catwalk.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** CATWALK_METRICS_BIND: unset is /metrics for admins on the main port; host:port is a listener of its own. */
class MetricsSettingsTest {

    @Test
    void byDefaultTheMetricsHaveNoListenerOfTheirOwn() {
        assertEquals(Optional.empty(), CatwalkConfig.defaults().metrics().ownListener());
    }

    @Test
    void aHostAndPortIsAListenerOfItsOwnAndAnIpv6OneIsBracketed() {
        assertEquals(Optional.of(new MetricsSettings.Listener("127.0.0.1", 9464)),
                CatwalkConfig.fromEnvironment(Map.of("CATWALK_METRICS_BIND", "127.0.0.1:9464")).metrics().ownListener());
        MetricsSettings.Listener v6 = CatwalkConfig.fromEnvironment(Map.of("CATWALK_METRICS_BIND", "[::1]:0"))
                .metrics().ownListener().orElseThrow();
        assertEquals(new MetricsSettings.Listener("::1", 0), v6);
        assertFalse(v6.wildcard());
        assertTrue(new MetricsSettings.Listener("0.0.0.0", 9464).wildcard());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "localhost|is not host:port",
            ":9464|is not host:port",
            "::1:9464|names an IPv6 address without brackets",
            "127.0.0.1:99999|is outside 0-65535",
            "not a host:9464|is not an IP address or host name"})
    void aBadValueNamesTheVariableAndTheForm(String value, String problem) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> CatwalkConfig.fromEnvironment(Map.of("CATWALK_METRICS_BIND", value)));

        CatwalkException only = e.problems().getFirst();
        assertEquals("CATWALK_METRICS_BIND", only.field().orElseThrow());
        assertTrue(only.getMessage().contains(problem), only.getMessage());
        assertTrue(only.hint().orElseThrow().contains("127.0.0.1:9464"), only.hint().orElseThrow());
    }
}
