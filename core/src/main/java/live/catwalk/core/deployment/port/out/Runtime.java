package live.catwalk.core.deployment.port.out;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;

/**
 * Where deployments' servers run (local processes, Fly machines) and are served at {@code /mcp/{id}}.
 * Thread-safe; every method returns promptly except {@link #stop} and {@link #ping}, which are bounded.
 */
public interface Runtime {

    /**
     * Starts the deployment's server with {@code command} (its env holds opened secrets: the runtime keeps
     * them only as long as the process needs them), replacing whatever ran for it before. Progress shows in
     * {@link #state}.
     */
    void start(DeploymentId id, ServerCommand command, SessionMode mode);

    /** Stops the deployment's server and its whole process tree and ends its MCP sessions; idempotent. */
    void stop(DeploymentId id);

    /**
     * Ends every MCP session of the deployment at once (their open streams end, requests in flight are
     * answered with an error); its server keeps running and new sessions may start. Idempotent.
     */
    void endSessions(DeploymentId id);

    RuntimeState state(DeploymentId id);

    /** The deployments this runtime is running or starting. */
    Set<DeploymentId> deployments();

    /**
     * Whether the deployment's server answers an MCP {@code ping} within {@code timeout} (for a deployment
     * with no long-lived server, such as isolated mode, whether it can take sessions).
     */
    boolean ping(DeploymentId id, Duration timeout);

    /**
     * The crashes of the deployment's server (ends Catwalk did not ask for) since the last call, oldest first, a
     * bounded few; none for a runtime that does not report them.
     */
    default List<Crash> takeCrashes(DeploymentId id) {
        return List.of();
    }

    /** The last {@code lines} lines (at most 1000) the server wrote to stderr, oldest first, secrets redacted. */
    List<String> logs(DeploymentId id, int lines);
}
