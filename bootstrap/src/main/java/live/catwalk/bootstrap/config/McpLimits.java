package live.catwalk.bootstrap.config;

import java.time.Duration;
import java.util.Map;
import live.catwalk.core.mcp.domain.GatewayLimits;

/**
 * The MCP gateway's shared budgets ({@code CATWALK_MAX_BATCH}, {@code CATWALK_MAX_INFLIGHT_PER_SESSION}, …), read
 * alike by {@code catwalk serve} and {@code catwalk runner}, which gets the gateway's own as these variables.
 */
public final class McpLimits {

    private McpLimits() {
    }

    /**
     * {@code limits} as the variables that set them ({@code CATWALK_MAX_BATCH}, …): what a Fly machine's runner gets,
     * so that it applies the gateway's limits.
     */
    public static Map<String, String> variables(GatewayLimits limits) {
        return Map.of(ConfigVariable.MAX_BATCH.envName, Integer.toString(limits.maxBatch()),
                ConfigVariable.MAX_INFLIGHT_PER_SESSION.envName, Integer.toString(limits.maxInFlightPerSession()),
                ConfigVariable.MAX_INFLIGHT_PER_DEPLOYMENT.envName, Integer.toString(limits.maxInFlightPerDeployment()),
                ConfigVariable.RETAINED_BYTES.envName, Long.toString(limits.retainedBytes()),
                ConfigVariable.MAX_SESSIONS_PER_USER.envName, Integer.toString(limits.maxSessionsPerUser()),
                ConfigVariable.MCP_INPUT_WAIT.envName, limits.inputWait().toSeconds() + "s");
    }

    /** The limits; null after recording a problem. */
    static GatewayLimits read(CatwalkConfig.Reader r) {
        Integer batch = r.read(ConfigVariable.MAX_BATCH, v -> ConfigValues.wholeNumber(v, 1, 10_000));
        Integer perSession = r.read(ConfigVariable.MAX_INFLIGHT_PER_SESSION, v -> ConfigValues.wholeNumber(v, 1, 100_000));
        Integer perDeployment = r.read(ConfigVariable.MAX_INFLIGHT_PER_DEPLOYMENT,
                v -> ConfigValues.wholeNumber(v, 1, 1_000_000));
        Integer retained = r.read(ConfigVariable.RETAINED_BYTES,
                v -> ConfigValues.wholeNumber(v, 1024 * 1024, Integer.MAX_VALUE));
        Integer perUser = r.read(ConfigVariable.MAX_SESSIONS_PER_USER, v -> ConfigValues.wholeNumber(v, 1, 100_000));
        Duration inputWait = r.read(ConfigVariable.MCP_INPUT_WAIT,
                v -> ConfigValues.duration(v, Duration.ofSeconds(1), Duration.ofHours(24)));
        if (batch == null || perSession == null || perDeployment == null || retained == null || perUser == null
                || inputWait == null) {
            return null;
        }
        return new GatewayLimits(batch, perSession, perDeployment, retained,
                GatewayLimits.defaults().unreadTailBytes(), perUser, inputWait);
    }
}
