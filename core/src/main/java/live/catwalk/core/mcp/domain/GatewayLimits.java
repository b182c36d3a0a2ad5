package live.catwalk.core.mcp.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * The MCP gateway's budgets shared by every deployment of one Catwalk, beside {@link GatewaySettings}.
 *
 * @param maxBatch                 elements in one JSON-RPC batch ({@code CATWALK_MAX_BATCH})
 * @param maxInFlightPerSession    unanswered requests of one session ({@code CATWALK_MAX_INFLIGHT_PER_SESSION})
 * @param maxInFlightPerDeployment unanswered requests of one deployment ({@code CATWALK_MAX_INFLIGHT_PER_DEPLOYMENT})
 * @param retainedBytes            bytes of events and answers kept for all sessions together
 *                                 ({@code CATWALK_RETAINED_BYTES})
 * @param unreadTailBytes          bytes a stream nobody reads keeps; its oldest events go first
 * @param maxSessionsPerUser       sessions over all of one user's deployments ({@code CATWALK_MAX_SESSIONS_PER_USER})
 * @param inputWait                how long a 2026-07-28 request waits for its client's input (the retry of an
 *                                 {@code input_required} result) before it is cancelled ({@code CATWALK_MCP_INPUT_WAIT})
 */
public record GatewayLimits(int maxBatch, int maxInFlightPerSession, int maxInFlightPerDeployment,
                            long retainedBytes, long unreadTailBytes, int maxSessionsPerUser, Duration inputWait) {

    /** Waiting for input ten minutes at most, unless said otherwise. */
    public static final Duration INPUT_WAIT = Duration.ofMinutes(10);

    public GatewayLimits {
        positive(maxBatch, "maxBatch");
        positive(maxInFlightPerSession, "maxInFlightPerSession");
        positive(maxInFlightPerDeployment, "maxInFlightPerDeployment");
        positive(retainedBytes, "retainedBytes");
        positive(unreadTailBytes, "unreadTailBytes");
        positive(maxSessionsPerUser, "maxSessionsPerUser");
        Objects.requireNonNull(inputWait, "inputWait");
        if (inputWait.isNegative() || inputWait.isZero()) {
            throw new IllegalArgumentException("inputWait must be positive: " + inputWait);
        }
    }

    /** As above, waiting {@link #INPUT_WAIT} for input. */
    public GatewayLimits(int maxBatch, int maxInFlightPerSession, int maxInFlightPerDeployment, long retainedBytes,
                         long unreadTailBytes, int maxSessionsPerUser) {
        this(maxBatch, maxInFlightPerSession, maxInFlightPerDeployment, retainedBytes, unreadTailBytes,
                maxSessionsPerUser, INPUT_WAIT);
    }

    /**
     * Batches of 100, 100 requests per session and 1000 per deployment, 64 MiB kept, 100 sessions per user, ten
     * minutes' wait for input.
     */
    public static GatewayLimits defaults() {
        return new GatewayLimits(100, 100, 1000, 64L * 1024 * 1024, 256L * 1024, 100);
    }

    /** These limits, waiting {@code wait} for a client's input. */
    public GatewayLimits withInputWait(Duration wait) {
        return new GatewayLimits(maxBatch, maxInFlightPerSession, maxInFlightPerDeployment, retainedBytes,
                unreadTailBytes, maxSessionsPerUser, wait);
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
