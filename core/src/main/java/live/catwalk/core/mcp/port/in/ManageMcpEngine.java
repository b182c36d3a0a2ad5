package live.catwalk.core.mcp.port.in;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;

/**
 * The MCP engine's management, for a runtime that runs deployments' servers in this process (the local
 * runtime): which deployments the engine serves at {@code /mcp/{id}}, with which server command, and what
 * their servers are doing. Never sees a client's request. Thread-safe.
 */
public interface ManageMcpEngine {

    /**
     * Serves a deployment with this server command (replacing one already registered, whose sessions end and
     * servers stop first); in shared mode starts its server. The deployment's sessions count against
     * {@code tenant}'s session limit (null: not counted). Returns why the server could not be started.
     */
    Optional<String> register(String deploymentId, ServerCommand command, SessionMode mode, String tenant);

    /** Stops serving a deployment: requests in flight are answered, sessions end, servers stop. Idempotent. */
    void unregister(String deploymentId);

    /** Ends every session of a deployment at once; its server keeps running. Nothing when not registered. */
    void endSessions(String deploymentId);

    /** The deployment's server state; {@code Absent} when not registered. */
    RuntimeState state(String deploymentId);

    /** Whether the deployment's (shared) server answers the engine's own {@code ping} within {@code timeout}. */
    boolean ping(String deploymentId, Duration timeout);

    /** The server's crashes since the last call, oldest first, at most 10. */
    List<Crash> takeCrashes(String deploymentId);

    /** Up to {@code lines} (at most 1000) of the server's latest stderr lines, oldest first, secrets redacted. */
    List<String> logs(String deploymentId, int lines);
}
