package live.catwalk.core.mcp.port.in;

/**
 * Periodic upkeep, called every second or so: ends idle sessions (stopping their process in isolated
 * mode) and answers requests the server left unanswered past the request timeout. Thread-safe.
 */
@FunctionalInterface
public interface MaintainMcpSessions {

    /** Returns the number of sessions ended. */
    int maintain();
}
