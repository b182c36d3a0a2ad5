package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import live.catwalk.bootstrap.config.CatwalkConfig;
import live.catwalk.bootstrap.config.ConfigException;
import live.catwalk.core.mcp.domain.GatewayLimits;
import org.junit.jupiter.api.Test;

class GatewayLimitsConfigTest {

    private static final long HUGE_HEAP = 64L * 1024 * 1024 * 1024;

    @Test
    void theDefaultsAreTheEnginesDefaults() {
        assertEquals(GatewayLimits.defaults(), CatwalkConfig.fromEnvironment(Map.of()).limits());
    }

    @Test
    void everyBudgetCanBeSet() {
        GatewayLimits limits = CatwalkConfig.fromEnvironment(Map.of("CATWALK_MAX_BATCH", "7",
                "CATWALK_MAX_INFLIGHT_PER_SESSION", "8", "CATWALK_MAX_INFLIGHT_PER_DEPLOYMENT", "9",
                "CATWALK_RETAINED_BYTES", "2097152", "CATWALK_MAX_SESSIONS_PER_USER", "10")).limits();

        assertEquals(List.of(7, 8, 9, 2097152L, 10), List.of(limits.maxBatch(), limits.maxInFlightPerSession(),
                limits.maxInFlightPerDeployment(), limits.retainedBytes(), limits.maxSessionsPerUser()));
    }

    @Test
    void outOfRangeValuesNameTheVariable() {
        ConfigException e = assertThrows(ConfigException.class, () -> CatwalkConfig.fromEnvironment(Map.of(
                "CATWALK_MAX_BATCH", "10001", "CATWALK_RETAINED_BYTES", "1000")));

        assertEquals(List.of("CATWALK_MAX_BATCH", "CATWALK_RETAINED_BYTES"),
                e.problems().stream().map(p -> p.field().orElseThrow()).toList());
    }

    @Test
    void theRetainedBytesAreAtMostAQuarterOfTheHeap() {
        CatwalkConfig config = CatwalkConfig.fromEnvironment(Map.of());

        assertEquals(64L * 1024 * 1024, Application.gatewayLimits(config, HUGE_HEAP).retainedBytes());
        assertEquals(32L * 1024 * 1024, Application.gatewayLimits(config, 128L * 1024 * 1024).retainedBytes());
    }
}
