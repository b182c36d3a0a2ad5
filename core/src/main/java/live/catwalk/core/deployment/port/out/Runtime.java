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

    /**
     * Restarts the deployment's server in place, for a server that stopped answering; by default the same as
     * {@link #start} (replacing whatever ran).
     */
    default void restart(DeploymentId id, ServerCommand command, SessionMode mode) {
        start(id, command, mode);
    }

    /** Whether this runtime can suspend an idle server ({@link #suspendIfIdle}) and resume it on its next request. */
    default boolean suspends() {
        return false;
    }

    /**
     * Suspends the deployment's running server, its memory kept, if it has been idle for at least {@code idle} (no
     * MCP request or stream open, none for that long); true if it did, after which {@link #state} is
     * {@link RuntimeState.Suspended} until a request resumes it. Bounded; false for a runtime that cannot suspend.
     */
    default boolean suspendIfIdle(DeploymentId id, Duration idle) {
        return false;
    }

    /** The last {@code lines} lines (at most 1000) the server wrote to stderr, oldest first, secrets redacted. */
    List<String> logs(DeploymentId id, int lines);
}
