package live.catwalk.adapters.fly;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import live.catwalk.core.mcp.port.out.McpUpstream;
import live.catwalk.core.mcp.port.out.McpUpstreams;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * The upstreams of deployments that run on Fly machines: a deployment whose machine is started (or suspended: the
 * request resumes it first) is served by a {@link RunnerForwarder} to its runner; the gateway keeps no session of its own, so any number of gateways may
 * serve the same deployments. Thread-safe.
 */
public final class FlyUpstreams implements McpUpstreams {

    private final FlyRuntime runtime;
    private final HttpClient http;
    private final Duration answerTimeout;
    private final Consumer<String> unreachable;
    private final Map<String, RunnerForwarder> forwarders = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    /**
     * Forwarders over {@code http} (which must not follow redirects) to the runners {@code runtime} knows; a runner
     * has {@code answerTimeout} to start answering, and one that cannot be reached is reported to
     * {@code unreachable} (the reconciler's cue to mark the deployment unhealthy and restart its machine).
     */
    public FlyUpstreams(FlyRuntime runtime, HttpClient http, Duration answerTimeout, Consumer<String> unreachable) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.http = Objects.requireNonNull(http, "http");
        this.answerTimeout = Objects.requireNonNull(answerTimeout, "answerTimeout");
        this.unreachable = Objects.requireNonNull(unreachable, "unreachable");
    }

    @Override
    public Optional<McpUpstream> find(String deploymentId) {
        Optional<DeploymentId> id = DeploymentId.parse(deploymentId);
        if (id.isEmpty() || !runtime.serves(id.get())) {
            return Optional.empty();
        }
        // A suspended machine is resumed by the request that finds it so: a slower first call, not an error.
        return Optional.of(forwarders.computeIfAbsent(deploymentId, d -> new RunnerForwarder(d, http,
                name -> DeploymentId.parse(name).flatMap(runtime::resumed), answerTimeout, unreachable)));
    }

    @Override
    public Optional<McpUpstream> await(String deploymentId, Duration timeout, Duration recheck,
                                       BooleanSupplier stillWaiting) throws InterruptedException {
        return polled(this, deploymentId, timeout, recheck, stillWaiting);
    }

    /**
     * {@link McpUpstreams#await} for upstreams with nothing to be woken by: asks {@code upstreams.find} every
     * {@code recheck} until it answers, {@code stillWaiting} says no, {@code timeout} has passed or shutdown began.
     */
    public static Optional<McpUpstream> polled(McpUpstreams upstreams, String deploymentId, Duration timeout,
                                               Duration recheck, BooleanSupplier stillWaiting)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!upstreams.shuttingDown()) {
            Optional<McpUpstream> found = upstreams.find(deploymentId);
            if (found.isPresent() || !stillWaiting.getAsBoolean() || System.nanoTime() >= deadline) {
                return found;
            }
            Thread.sleep(Math.max(1, Math.min(recheck.toMillis(), (deadline - System.nanoTime()) / 1_000_000)));
        }
        return Optional.empty();
    }

    @Override
    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** Upstreams that {@code find} names, waited for by polling ({@link #polled}), shutting down as {@code down} says. */
    public static McpUpstreams polling(Function<String, Optional<McpUpstream>> find, BooleanSupplier down) {
        return new McpUpstreams() {
            @Override
            public Optional<McpUpstream> find(String deploymentId) {
                return find.apply(deploymentId);
            }

            @Override
            public Optional<McpUpstream> await(String deploymentId, Duration timeout, Duration recheck,
                                               BooleanSupplier stillWaiting) throws InterruptedException {
                return polled(this, deploymentId, timeout, recheck, stillWaiting);
            }

            @Override
            public boolean shuttingDown() {
                return down.getAsBoolean();
            }
        };
    }

    /** From now on every request is answered 503 with {@code Retry-After}; the runners keep their sessions. */
    public void shutDown() {
        shuttingDown = true;
    }
}
