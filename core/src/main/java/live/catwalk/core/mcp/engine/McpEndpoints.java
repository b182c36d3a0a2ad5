package live.catwalk.core.mcp.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.protocol.ProtocolVersion;
import live.catwalk.core.mcp.engine.session.RetainedBytes;
import live.catwalk.core.mcp.port.out.McpUpstream;
import live.catwalk.core.mcp.port.out.McpUpstreams;
import live.catwalk.core.mcp.port.out.SessionIdSource;
import live.catwalk.core.mcp.port.out.StdioServers;

/**
 * The MCP endpoints of all deployments, shared by the MCP use cases: a runtime registers a deployment's
 * server command and session mode here and unregisters it to stop it; the composition root closes
 * everything at shutdown. An unregistered deployment answers by what the control plane holds about it
 * (stopped, failed, about to start), or like an unknown one. Thread-safe.
 */
public final class McpEndpoints implements McpUpstreams, AutoCloseable {

    /** The most {@link #logs} returns. */
    public static final int MAX_LOG_LINES = 1000;

    private final StdioServers servers;
    private final SessionIdSource ids;
    private final Clock clock;
    private final JsonWindows windows;
    private final GatewaySettings settings;
    private final GatewayLimits limits;
    private final RetainedBytes retained;
    private final String productVersion;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    /** Stateless requests waiting for their clients' input, over all deployments. */
    private final Continuations continuations;
    /** Live sessions (and initializations under way) per tenant. */
    private final Map<String, Integer> tenantSessions = new ConcurrentHashMap<>();
    /** Signalled on every registration and at shutdown, for requests waiting for a deployment to start. */
    private final ReentrantLock registrations = new ReentrantLock();
    private final Condition registered = registrations.newCondition();
    private volatile boolean shuttingDown;

    public McpEndpoints(StdioServers servers, SessionIdSource ids, Clock clock, GatewaySettings settings,
                        String productVersion) {
        this(servers, ids, clock, settings, GatewayLimits.defaults(), productVersion);
    }

    /** As above, with the budgets shared by all deployments. */
    public McpEndpoints(StdioServers servers, SessionIdSource ids, Clock clock, GatewaySettings settings,
                        GatewayLimits limits, String productVersion) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.retained = new RetainedBytes(limits.retainedBytes(), limits.unreadTailBytes());
        this.servers = Objects.requireNonNull(servers, "servers");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.productVersion = Objects.requireNonNull(productVersion, "productVersion");
        this.windows = new JsonWindows(settings.jsonWindow());
        this.continuations = new Continuations(clock, limits.inputWait());
    }

    /**
     * Adds a deployment's endpoint and, in shared mode, starts its server. A deployment already registered
     * is replaced: its sessions end and its servers stop (as by {@link #unregister}) before the new server
     * starts. Returns why the server could not be started (the endpoint then answers requests with that
     * reason, and {@link #state} is {@code Failed} with it).
     */
    public Optional<String> register(String deploymentId, ServerCommand command, SessionMode mode) {
        return register(deploymentId, command, mode, null);
    }

    /**
     * As above, the deployment's sessions counted with those of every deployment registered with the same
     * {@code tenant} (e.g. its owner) against the limit of sessions per user; null: not counted, unlimited.
     * At the limit an {@code initialize} is answered 429 (no other session is ended to make room).
     */
    public Optional<String> register(String deploymentId, ServerCommand command, SessionMode mode, String tenant) {
        Objects.requireNonNull(deploymentId, "deploymentId");
        Endpoint endpoint = new Endpoint(Objects.requireNonNull(command, "command"),
                Objects.requireNonNull(mode, "mode"), this, tenant);
        Endpoint replaced = endpoints.put(deploymentId, endpoint);
        if (replaced != null) {
            continuations.drop(deploymentId);
            replaced.close();
        }
        Optional<String> problem = endpoint.start();
        wakeWaiters();
        return problem;
    }

    /**
     * Removes a deployment's endpoint: requests in flight are answered with a JSON-RPC error at once, its
     * sessions and their streams end, and its servers stop with their whole process trees before this
     * returns (bounded by the supervisor's stop timeouts). Later requests are answered as for an unknown
     * deployment. Idempotent.
     */
    public void unregister(String deploymentId) {
        Endpoint removed = endpoints.remove(deploymentId);
        if (removed != null) {
            continuations.drop(deploymentId);
            removed.close();
        }
    }

    /**
     * Ends every session of a deployment at once: requests in flight are answered with a JSON-RPC error,
     * open streams end, later requests with those session ids get 404. The server keeps running and new
     * sessions may start (e.g. after the deployment's token was rotated). Nothing when not registered.
     */
    public void endSessions(String deploymentId) {
        Endpoint endpoint = endpoints.get(deploymentId);
        if (endpoint != null) {
            endpoint.endAll();
        }
    }

    /**
     * {@code Absent} when not registered; in shared mode the server's state ({@code Starting} with a short
     * detail such as {@code restarting in 2 s after exit code 1}, {@code Running} once initialized,
     * {@code Failed} with a secret-free reason); in isolated mode {@code Running}, as its servers start per
     * session.
     */
    public RuntimeState state(String deploymentId) {
        Endpoint endpoint = endpoints.get(deploymentId);
        return endpoint == null ? new RuntimeState.Absent() : endpoint.runtimeState();
    }

    /**
     * Shared mode: whether the server answers a {@code ping} of the gateway's own (never seen by a client
     * session) with a result within {@code timeout}; false at once when the server is not ready. Isolated
     * mode: true. Unregistered: false.
     */
    public boolean ping(String deploymentId, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        Endpoint endpoint = endpoints.get(deploymentId);
        return endpoint != null && endpoint.ping(timeout);
    }

    /**
     * Shared mode: the server's crashes (exits Catwalk did not ask for) since the last call, oldest first, at
     * most 10; isolated mode or not registered: none.
     */
    public List<Crash> takeCrashes(String deploymentId) {
        Endpoint endpoint = endpoints.get(deploymentId);
        return endpoint == null ? List.of() : endpoint.takeCrashes();
    }

    /**
     * Up to {@code lines} (at most 1000) of the server's most recent stderr lines, oldest first, secrets
     * redacted: the shared server's, or in isolated mode the server started last. Empty when there are
     * none or the deployment is not registered. Throws {@code IllegalArgumentException} for negative
     * {@code lines}.
     */
    public List<String> logs(String deploymentId, int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("lines must not be negative: " + lines);
        }
        Endpoint endpoint = endpoints.get(deploymentId);
        return endpoint == null ? List.of() : endpoint.logs(Math.min(lines, MAX_LOG_LINES));
    }

    /** Each deployment's state for health reports, e.g. {@code ready, 2 sessions} or {@code failed, 0 sessions}. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        endpoints.forEach((id, endpoint) -> status.put(id, endpoint.status()));
        return status;
    }

    /**
     * Counts without names, for an unauthenticated health check: deployments registered, those whose server
     * is running or on its way back up (isolated ones count as running), and live sessions over all of them.
     */
    public record Summary(int deployments, int running, int sessions) {
    }

    /** The current {@link Summary}. */
    public Summary summary() {
        int running = 0;
        int sessions = 0;
        int total = 0;
        for (Endpoint endpoint : endpoints.values()) {
            total++;
            running += endpoint.healthy() ? 1 : 0;
            sessions += endpoint.sessionCount();
        }
        return new Summary(total, running, sessions);
    }

    /** Whether every shared server is running or on its way back up. */
    public boolean healthy() {
        return endpoints.values().stream().allMatch(Endpoint::healthy);
    }

    /**
     * Catwalk is shutting down (to restart, or for good): requests in flight and those waiting for a
     * deployment to start are answered at once with a JSON-RPC error saying so, and so is every later
     * request. Servers and sessions stay until {@link #close}, so call this first: a request is then told
     * about the shutdown, not that its server was killed. Idempotent.
     */
    public void shutDown() {
        shuttingDown = true;
        wakeWaiters();
        endpoints.values().forEach(e -> e.failInFlight(McpReplies.SHUTTING_DOWN));
    }

    /** Whether {@link #shutDown} was called. */
    @Override
    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** Ends every session and stops every server. */
    @Override
    public void close() {
        endpoints.values().forEach(Endpoint::close);
        endpoints.clear();
        windows.close();
    }

    /** The deployment's endpoint, when registered. */
    @Override
    public Optional<McpUpstream> find(String deploymentId) {
        return Optional.ofNullable(endpoints.get(deploymentId));
    }

    /** {@inheritDoc} The upstream is the deployment's endpoint, once registered. */
    @Override
    public Optional<McpUpstream> await(String deploymentId, Duration timeout, Duration recheck,
                                       BooleanSupplier stillWaiting) throws InterruptedException {
        long nanos = timeout.toNanos();
        while (true) {
            long round = Math.min(nanos, recheck.toNanos());
            registrations.lock();
            try {
                long left = round;
                while (!endpoints.containsKey(deploymentId) && !shuttingDown && left > 0) {
                    left = registered.awaitNanos(left);
                }
            } finally {
                registrations.unlock();
            }
            Endpoint endpoint = endpoints.get(deploymentId);
            if (endpoint != null || shuttingDown) {
                return Optional.<McpUpstream>ofNullable(endpoint);
            }
            nanos -= round; // the inner loop ends early only for a registration or the shutdown
            if (nanos <= 0 || !stillWaiting.getAsBoolean()) {
                return Optional.empty();
            }
        }
    }

    private void wakeWaiters() {
        registrations.lock();
        try {
            registered.signalAll();
        } finally {
            registrations.unlock();
        }
    }

    /**
     * Periodic upkeep: ends idle sessions (stopping their process in isolated mode), answers requests left
     * unanswered past the request timeout, and cancels stateless requests that waited too long for their clients'
     * input. Returns the number of sessions ended.
     */
    public int maintain() {
        Instant now = clock.instant();
        continuations.expire();
        int ended = 0;
        for (Endpoint endpoint : endpoints.values()) {
            ended += endpoint.maintain(now);
        }
        return ended;
    }

    JsonWindows windows() {
        return windows;
    }

    Continuations continuations() {
        return continuations;
    }

    StdioServers servers() {
        return servers;
    }

    SessionIdSource ids() {
        return ids;
    }

    Clock clock() {
        return clock;
    }

    GatewaySettings settings() {
        return settings;
    }

    GatewayLimits limits() {
        return limits;
    }

    /** Counts a new session of {@code tenant} (null: uncounted); false, counting nothing, at the limit. */
    boolean takeSession(String tenant) {
        if (tenant == null) {
            return true;
        }
        boolean[] taken = {false};
        tenantSessions.compute(tenant, (t, n) -> {
            int now = n == null ? 0 : n;
            taken[0] = now < limits.maxSessionsPerUser();
            return taken[0] ? now + 1 : n;
        });
        return taken[0];
    }

    /** Gives back what {@link #takeSession} counted. */
    void giveSession(String tenant) {
        if (tenant != null) {
            tenantSessions.computeIfPresent(tenant, (t, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** The byte budget every session's kept events and answers share. */
    RetainedBytes retained() {
        return retained;
    }

    /** What the gateway tells a shared server at initialize: the newest version, every client capability. */
    ObjectNode gatewayInitParams() {
        ObjectNode params = JsonRpc.object().put("protocolVersion", ProtocolVersion.TO_CHILDREN.wire());
        ObjectNode capabilities = params.putObject("capabilities");
        capabilities.putObject("sampling");
        capabilities.putObject("elicitation");
        capabilities.putObject("roots").put("listChanged", true);
        params.putObject("clientInfo").put("name", "catwalk").put("version", productVersion);
        return params;
    }
}
