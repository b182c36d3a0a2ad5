package live.catwalk.core.mcp.port.out;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The upstreams of the deployments served now: which deployment has one, a wait for one about to get one,
 * and whether Catwalk is shutting down. A deployment without an upstream is answered by its stored state.
 * Thread-safe.
 */
public interface McpUpstreams {

    /** The deployment's upstream, if it is served now. */
    Optional<McpUpstream> find(String deploymentId);

    /**
     * Waits up to {@code timeout} for the deployment's upstream (returned at once if there is one), asking
     * {@code stillWaiting} every {@code recheck} whether to go on; empty when there is none by then, when
     * {@code stillWaiting} said no, or at shutdown. {@code stillWaiting} runs without a lock held.
     */
    Optional<McpUpstream> await(String deploymentId, Duration timeout, Duration recheck, BooleanSupplier stillWaiting)
            throws InterruptedException;

    /** Whether Catwalk is shutting down: every request is then answered 503 with {@code Retry-After}. */
    boolean shuttingDown();
}
