package live.catwalk.core.mcp.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage.Request;
import live.catwalk.core.mcp.domain.protocol.ProtocolVersion;
import live.catwalk.core.mcp.engine.bridge.Bridge;
import live.catwalk.core.mcp.engine.bridge.BridgeSessions;
import live.catwalk.core.mcp.engine.bridge.Slots;
import live.catwalk.core.mcp.engine.session.Session;
import live.catwalk.core.mcp.domain.SessionId;
import live.catwalk.core.mcp.port.out.McpUpstream;
import live.catwalk.core.shared.CatwalkException;

/**
 * One deployment's MCP endpoint: its sessions and the bridge (shared mode) or bridges (isolated mode,
 * one per session) they talk through. Sessions are capped; at the cap the least recently active idle
 * session makes room. Once closed it takes no new session. Thread-safe.
 */
final class Endpoint implements BridgeSessions, McpUpstream {

    /** A live session with the bridge it uses. */
    record Attached(Session session, Bridge bridge) {
    }

    private static final String STOPPED = "The deployment was stopped.";
    private static final String SESSIONS_ENDED = "The session was ended: the deployment's token was replaced.";

    private final ServerCommand command;
    private final SessionMode mode;
    private final McpEndpoints context;
    /** Whose sessions these count as against the per-user limit; null: uncounted. */
    private final String tenant;
    private final Map<SessionId, Attached> sessions = new ConcurrentHashMap<>();
    /** Requests in flight over all of this deployment's bridges. */
    private final Slots inFlight;
    private final Bridge shared;
    /** Initializations under way, counted against the session limit until they end. */
    private int starting;
    private boolean closed; // guarded by this
    /** The isolated server started last, whose stderr {@link #logs} shows. */
    private volatile Bridge lastIsolated;
    /** Isolated mode: the servers of stateless requests between two requests, each holding its slot. */
    private final IdleServers idle = new IdleServers();
    private final SessionExchanges exchanges;

    Endpoint(ServerCommand command, SessionMode mode, McpEndpoints context, String tenant) {
        this.tenant = tenant;
        this.command = command;
        this.mode = mode;
        this.context = context;
        this.inFlight = new Slots(context.limits().maxInFlightPerDeployment());
        this.shared = mode == SessionMode.SHARED
                ? newBridge(context.gatewayInitParams(), this) : null;
        this.exchanges = new SessionExchanges(context, this);
    }

    @Override
    public McpHttpResponse exchange(McpUpstream.Exchange exchange) throws InterruptedException {
        CompletableFuture<McpHttpResponse> answer = new CompletableFuture<>();
        exchanges.serve(exchange, answer::complete);
        try {
            return answer.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@inheritDoc} A 2025 POST waiting for its server's answers holds no thread. */
    @Override
    public void exchange(McpUpstream.Exchange exchange, Consumer<McpHttpResponse> answered)
            throws InterruptedException {
        exchanges.serve(exchange, answered);
    }

    /** Starts the shared server, if any; returns why it could not be started. */
    Optional<String> start() {
        if (shared == null) {
            return Optional.empty();
        }
        try {
            shared.start();
            return Optional.empty();
        } catch (CatwalkException e) {
            shared.failToStart(e.getMessage());
            return Optional.of(e.getMessage());
        }
    }

    /** The shared server's bridge; null in isolated mode. */
    Bridge shared() {
        return shared;
    }

    /**
     * Isolated mode: a slot taken and a bridge made (not started) for a server of one stateless request, initialized
     * with {@code params}; empty at the cap. {@link #releaseIsolated} gives the slot back.
     */
    Optional<Bridge> isolatedFor(ObjectNode params, BridgeSessions directory) {
        if (!reserve()) {
            return Optional.empty();
        }
        Bridge bridge = newBridge(params, directory);
        lastIsolated = bridge;
        return Optional.of(bridge);
    }

    /**
     * Shared mode: lists a stateless carrier among the sessions, so that what the server sends unasked reaches it
     * (a {@code subscriptions/listen}); false when the endpoint is closed.
     */
    boolean addCarrier(Session carrier) {
        return add(new Attached(carrier, shared));
    }

    /** Takes a carrier of {@link #addCarrier} off the list. */
    void removeCarrier(Session carrier) {
        sessions.remove(carrier.id());
    }

    /** Gives back the slot of {@link #isolatedFor}. */
    void releaseIsolated() {
        release();
    }

    /**
     * Isolated mode: starts a spare server for {@code principal}'s next stateless request, initialized with
     * {@code init}, when none of theirs idles and a slot is free without ending anything (a request lent the last
     * one, which may wait long for its client's input). Off the caller's thread.
     */
    void warmSpareFor(String principal, ObjectNode init) {
        if (shared != null || idle.has(principal) || !reserveFree()) {
            return;
        }
        OneSession directory = new OneSession();
        Bridge bridge = newBridge(init.deepCopy(), directory);
        if (!keepIdle(new IdleServers.Server(bridge, directory, principal, null))) {
            release();
            return;
        }
        Thread.ofVirtual().name("catwalk-spare-server").start(() -> {
            try {
                bridge.start();
            } catch (CatwalkException e) {
                bridge.failToStart(e.getMessage()); // not lent: CarrierLease passes over a failed one
            }
        });
    }

    /** Isolated mode: an idle server of {@code principal}'s stateless requests (its slot with it), if any. */
    Optional<IdleServers.Server> idleServerOf(String principal) {
        return idle.take(principal);
    }

    /**
     * Isolated mode: keeps {@code server}, and its slot, for its principal's next stateless request; false when the
     * endpoint is closed (the caller stops it and gives the slot back).
     */
    synchronized boolean keepIdle(IdleServers.Server server) {
        if (closed) {
            return false;
        }
        idle.put(server.idleFrom(context.clock().instant()));
        return true;
    }

    /** Answers {@code initialize}: creates the session (and, in isolated mode, its server). */
    McpHttpResponse initialize(String principal, Request init) throws InterruptedException {
        JsonNode params = init.params();
        if (!params.isObject()) {
            return McpReplies.error(400, JsonRpc.INVALID_PARAMS, "initialize needs a params object.", init.id(), McpReplies.NO_HEADERS);
        }
        if (!context.takeSession(tenant)) {
            return McpReplies.error(429, JsonRpc.TRANSPORT_ERROR, "The owner of this deployment has reached the limit "
                    + "of " + context.limits().maxSessionsPerUser() + " MCP sessions over all their deployments "
                    + "(CATWALK_MAX_SESSIONS_PER_USER); end sessions that are no longer used, or retry later.",
                    init.id(), Map.of("Retry-After", "1"));
        }
        McpHttpResponse response = null;
        try {
            if (!reserve()) {
                return McpReplies.error(503, JsonRpc.SERVER_UNAVAILABLE, "This deployment has reached its limit of "
                        + limit() + " sessions, all of them busy; retry later.", init.id(), McpReplies.NO_HEADERS);
            }
            try {
                response = mode == SessionMode.SHARED ? joinShared(principal, init, (ObjectNode) params)
                        : startIsolated(principal, init, (ObjectNode) params);
                return response;
            } finally {
                release();
            }
        } finally {
            if (response == null || !response.headers().containsKey("Mcp-Session-Id")) {
                context.giveSession(tenant);
            }
        }
    }

    private McpHttpResponse joinShared(String principal, Request init, ObjectNode params) throws InterruptedException {
        Optional<String> notReady = shared.awaitReady(context.settings().startTimeout());
        if (notReady.isPresent()) {
            return context.shuttingDown() ? McpReplies.shuttingDown(init.id())
                    : McpReplies.error(503, JsonRpc.SERVER_UNAVAILABLE, notReady.get(), init.id(), McpReplies.NO_HEADERS);
        }
        if (shared.modernOnly()) {
            return McpReplies.modernOnly(init.id(), params.path("protocolVersion").asText(""));
        }
        ObjectNode result = shared.initResult().orElseThrow();
        ProtocolVersion version = ProtocolVersion.negotiate(params.path("protocolVersion").asText(""));
        result.put("protocolVersion", version.wire());
        return admit(new Attached(newSession(principal, version, params), shared), init, result);
    }

    private McpHttpResponse startIsolated(String principal, Request init, ObjectNode params) throws InterruptedException {
        OneSession directory = new OneSession();
        Bridge bridge = newBridge(params.deepCopy(), directory);
        try {
            bridge.start();
        } catch (CatwalkException e) {
            return McpReplies.error(503, JsonRpc.SERVER_UNAVAILABLE, e.getMessage(), init.id(), McpReplies.NO_HEADERS);
        }
        lastIsolated = bridge;
        Optional<String> notReady = bridge.awaitReady(context.settings().startTimeout());
        Optional<ObjectNode> refused = bridge.initError();
        if (notReady.isPresent()) {
            bridge.close();
            if (refused.isPresent()) {
                return new McpHttpResponse.Json(200, McpReplies.NO_HEADERS,
                        JsonRpc.bytes(JsonRpc.error(init.id(), refused.get())));
            }
            return context.shuttingDown() ? McpReplies.shuttingDown(init.id())
                    : McpReplies.error(503, JsonRpc.SERVER_UNAVAILABLE, notReady.get(), init.id(), McpReplies.NO_HEADERS);
        }
        if (bridge.modernOnly()) {
            bridge.close();
            return McpReplies.modernOnly(init.id(), params.path("protocolVersion").asText(""));
        }
        ObjectNode result = bridge.initResult().orElseThrow();
        String spoken = result.path("protocolVersion").asText("");
        Optional<ProtocolVersion> version = ProtocolVersion.offered(spoken);
        if (version.isEmpty()) {
            bridge.close();
            return McpReplies.error(502, JsonRpc.SERVER_UNAVAILABLE, "The MCP server answered with protocol version '"
                    + spoken + "', which Catwalk does not serve.", init.id(), McpReplies.NO_HEADERS);
        }
        Session session = newSession(principal, version.get(), params);
        directory.session = session;
        return admit(new Attached(session, bridge), init, result);
    }

    private McpHttpResponse admit(Attached attached, Request init, ObjectNode result) {
        if (!add(attached)) { // closed while this session was being set up
            attached.session().end();
            if (attached.bridge() != shared) {
                attached.bridge().close();
            }
            return stopped(init);
        }
        return new McpHttpResponse.Json(200, Map.of("Mcp-Session-Id", attached.session().id().value()),
                JsonRpc.bytes(JsonRpc.result(init.id(), result)));
    }

    private Session newSession(String principal, ProtocolVersion version, ObjectNode params) {
        GatewaySettings s = context.settings();
        return new Session(context.ids().next(), principal, version, params.path("capabilities"),
                context.clock().instant(), s.eventLogEvents(), s.eventLogBytes(), s.retryMillis(), context.retained());
    }

    /** The caller's live session with this id, if there is one. */
    Optional<Attached> find(String sessionId, String principal) {
        if (!SessionId.isWellFormed(sessionId)) {
            return Optional.empty();
        }
        Attached attached = sessions.get(new SessionId(sessionId));
        if (attached == null || attached.session().ended() || !attached.session().principal().equals(principal)) {
            return Optional.empty();
        }
        return Optional.of(attached);
    }

    /** Ends a session: its readers end, its requests are cancelled, its isolated server stops. */
    void end(Attached attached) {
        if (!sessions.remove(attached.session().id(), attached)) {
            return;
        }
        context.giveSession(tenant);
        attached.session().end();
        if (attached.bridge() == shared) {
            shared.forget(attached.session());
        } else {
            attached.bridge().close();
        }
    }

    /** Ends every session now (their requests in flight get an error, their streams end); takes new ones after. */
    void endAll() {
        for (Attached attached : List.copyOf(sessions.values())) {
            attached.bridge().failAllOf(attached.session(), SESSIONS_ENDED);
            end(attached);
        }
    }

    /** Answers every request in flight with a JSON-RPC error saying {@code message}; sessions and servers stay. */
    void failInFlight(String message) {
        for (Attached attached : sessions.values()) {
            attached.bridge().failAllOf(attached.session(), message);
        }
    }

    /** Shared mode: why the server failed for good, if it did; isolated mode: never. */
    Optional<String> failure() {
        return shared == null ? Optional.empty() : shared.failure();
    }

    /** Ends idle sessions and times out overdue requests; returns how many sessions ended. */
    int maintain(Instant now) {
        int ended = 0;
        for (Attached attached : sessions.values()) {
            if (attached.session().idle(now, context.settings().idleTimeout())) {
                end(attached);
                ended++;
            } else if (attached.bridge() != shared) {
                attached.bridge().expire(now);
            }
        }
        if (shared != null) {
            shared.expire(now);
        }
        for (IdleServers.Server server : idle.idleSince(now.minus(context.settings().idleTimeout()))) {
            server.bridge().close();
            release();
        }
        return ended;
    }

    /** A short status for health reports: the shared server's state and the number of sessions. */
    String status() {
        String count = sessions.size() == 1 ? "1 session" : sessions.size() + " sessions";
        return shared != null ? shared.stateName() + ", " + count
                : "isolated, " + count;
    }

    boolean healthy() {
        return shared == null || shared.usable();
    }

    int sessionCount() {
        return sessions.size();
    }

    /**
     * Takes no new session, answers every request in flight with an error, ends every session (their
     * streams end), then stops the server(s). Idempotent.
     */
    void close() {
        synchronized (this) {
            closed = true;
        }
        List<Attached> all = List.copyOf(sessions.values()).stream()
                .filter(a -> sessions.remove(a.session().id(), a)).toList();
        all.forEach(a -> context.giveSession(tenant));
        String why = context.shuttingDown() ? McpReplies.SHUTTING_DOWN : STOPPED;
        for (Attached attached : all) {
            attached.bridge().failAllOf(attached.session(), why);
            attached.session().end();
        }
        if (shared != null) {
            shared.close();
        }
        all.stream().map(Attached::bridge).filter(b -> b != shared).forEach(Bridge::close);
        for (IdleServers.Server server : idle.drain()) {
            server.bridge().close();
            release();
        }
    }

    /** Shared mode: the server's state; isolated mode: running, as its servers start per session. */
    RuntimeState runtimeState() {
        return shared != null ? shared.runtimeState() : new RuntimeState.Running();
    }

    /** Shared mode: whether the server answers a ping in time; isolated mode: true. */
    boolean ping(Duration timeout) {
        return shared == null || shared.ping(timeout);
    }

    /** Shared mode: the server's crashes since the last call (see {@link Bridge#takeCrashes}); isolated mode: none. */
    List<Crash> takeCrashes() {
        return shared != null ? shared.takeCrashes() : List.of();
    }

    /** The shared server's recent stderr, or the isolated server's started last; oldest first. */
    List<String> logs(int lines) {
        Bridge source = shared != null ? shared : lastIsolated;
        return source == null ? List.of() : source.recentStderr(lines);
    }

    private synchronized boolean add(Attached attached) {
        if (!closed) {
            sessions.put(attached.session().id(), attached);
        }
        return !closed;
    }

    private McpHttpResponse stopped(Request init) {
        return context.shuttingDown() ? McpReplies.shuttingDown(init.id())
                : McpReplies.error(503, JsonRpc.SERVER_UNAVAILABLE, STOPPED, init.id(), McpReplies.NO_HEADERS);
    }

    @Override
    public Collection<Session> all() {
        return sessions.values().stream().map(Attached::session).toList();
    }

    @Override
    public Optional<Session> mostRecent() {
        return sessions.values().stream().map(Attached::session).max(Comparator.comparing(Session::lastActivity));
    }

    private Bridge newBridge(ObjectNode initParams, BridgeSessions directory) {
        return new Bridge(context.servers(), command, initParams, directory, inFlight,
                context.limits().maxInFlightPerSession());
    }

    private int limit() {
        return mode == SessionMode.SHARED ? context.settings().maxSessions() : context.settings().maxChildren();
    }

    /**
     * Takes a slot for a new session. At the cap, the least recently active session with no request in
     * flight makes room, preferring one without an open stream: a client that only holds its GET stream
     * open is still using less than one waiting for an answer.
     */
    private synchronized boolean reserve() {
        while (sessions.size() + starting >= limit()) {
            Optional<IdleServers.Server> spare = idle.evictOldest(); // an idle server goes first
            if (spare.isPresent()) {
                spare.get().bridge().close();
                starting--;
                continue;
            }
            Comparator<Attached> byActivity = Comparator.comparing(a -> a.session().lastActivity());
            List<Attached> idle = sessions.values().stream().filter(a -> !inFlight(a)).toList();
            Optional<Attached> victim = idle.stream().filter(a -> !a.session().hasReaders()).min(byActivity)
                    .or(() -> idle.stream().min(byActivity));
            if (victim.isEmpty()) {
                return false;
            }
            end(victim.get());
        }
        starting++;
        return true;
    }

    /** Takes a slot only if one is free without ending a session or an idle server. */
    private synchronized boolean reserveFree() {
        if (closed || sessions.size() + starting >= limit()) {
            return false;
        }
        starting++;
        return true;
    }

    private synchronized void release() {
        starting--;
    }

    private boolean inFlight(Attached attached) {
        return attached.session().hasArriving() || attached.bridge().hasRequestsOf(attached.session())
                || attached.session().answering();
    }
}
