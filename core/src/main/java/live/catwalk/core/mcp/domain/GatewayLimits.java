package live.catwalk.core.mcp.domain;

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
 */
public record GatewayLimits(int maxBatch, int maxInFlightPerSession, int maxInFlightPerDeployment,
                            long retainedBytes, long unreadTailBytes, int maxSessionsPerUser) {

    public GatewayLimits {
        positive(maxBatch, "maxBatch");
        positive(maxInFlightPerSession, "maxInFlightPerSession");
        positive(maxInFlightPerDeployment, "maxInFlightPerDeployment");
        positive(retainedBytes, "retainedBytes");
        positive(unreadTailBytes, "unreadTailBytes");
        positive(maxSessionsPerUser, "maxSessionsPerUser");
    }

    /** Batches of 100, 100 requests per session and 1000 per deployment, 64 MiB kept, 100 sessions per user. */
    public static GatewayLimits defaults() {
        return new GatewayLimits(100, 100, 1000, 64L * 1024 * 1024, 256L * 1024, 100);
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
