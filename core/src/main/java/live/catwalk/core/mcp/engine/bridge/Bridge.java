package live.catwalk.core.mcp.engine.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.deployment.domain.FailureCause;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.mcp.domain.StdioEvent;
import live.catwalk.core.mcp.domain.jsonrpc.IdKey;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage.Request;
import live.catwalk.core.mcp.engine.session.McpStream;
import live.catwalk.core.mcp.engine.session.Session;
import live.catwalk.core.mcp.port.out.StdioChannel;
import live.catwalk.core.mcp.port.out.StdioServers;
import live.catwalk.core.shared.CatwalkException;

/**
 * The link to one supervised stdio server. Client requests reach the server under ids of the bridge's
 * own (and progress tokens likewise), so any number of sessions can share one process; answers are
 * mapped back to the session, stream and id they came from. The server is initialized once per process
 * with {@code initParams}, and again after every restart. When the process exits, every request in
 * flight is answered with an error at once. Thread-safe.
 *
 * <p>One object per server process with a small surface: the endpoint asks it to start, carries client
 * messages in ({@link #request}, {@link #relay}), asks about the caps and a session's requests, and stops
 * it. What it holds (the requests in flight, subscriptions, pings, the routers) is its own.
 *
 * <p>Longer than most files: one lock guards the process's state, its initialize handshake and the wait
 * for readiness, and that state machine is easier to check in one place.
 */
public final class Bridge {

    /** How many crashes a bridge keeps until they are taken; older ones are dropped. */
    public static final int CRASHES_KEPT = CrashLog.MAX;

    private enum State { STARTING, INITIALIZING, READY, RESTARTING, FAILED, CLOSED }

    private final StdioServers servers;
    private final ServerCommand command;
    private final ObjectNode initParams;
    private final ChildRouter router;
    private final ClientRouter client;
    private final Subscriptions subscriptions = new Subscriptions();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stateChanged = lock.newCondition();
    /** Written under the lock; read without it on the request path. */
    private volatile State state = State.STARTING;
    private String problem = "The MCP server is starting.";
    /** What the control plane sees while starting or failed: short and secret-free. */
    private String detail = "starting the process";
    /** A process started before {@link #start()} knew its channel, and still needs its initialize. */
    private boolean awaitingInitialize;
    private ObjectNode initResult;
    private ObjectNode initError;
    private volatile StdioChannel channel;
    private volatile long initId = -1;
    /** Whether the server refused the 2025 initialize as one that speaks only the stateless revision. */
    private volatile boolean modernOnly;

    private final CrashLog crashes = new CrashLog();

    private final AtomicLong nextId = new AtomicLong();
    private final InFlight inFlight;
    private final Pings pings = new Pings();

    /**
     * A bridge (not started) to {@code command}, initialized with {@code initParams}; its requests in flight
     * count against {@code deploymentSlots} (shared by a deployment's bridges) and {@code perSession}.
     */
    public Bridge(StdioServers servers, ServerCommand command, ObjectNode initParams, BridgeSessions sessions,
                  Slots deploymentSlots, int perSession) {
        this.servers = servers;
        this.inFlight = new InFlight(deploymentSlots, perSession);
        this.command = command;
        this.initParams = initParams;
        this.router = new ChildRouter(new ToServer(), inFlight, pings, subscriptions, sessions);
        this.client = new ClientRouter(this::forward, this::send, inFlight, subscriptions);
    }

    /** Starts the process; throws {@code UPSTREAM_UNAVAILABLE} when it cannot be started at all. */
    public void start() {
        StdioChannel started = servers.start(command, this::onEvent);
        boolean closedMeanwhile;
        lock.lock();
        try {
            closedMeanwhile = state == State.CLOSED;
            if (!closedMeanwhile) {
                channel = started;
                if (awaitingInitialize) {
                    awaitingInitialize = false;
                    sendInitialize();
                }
            }
        } finally {
            lock.unlock();
        }
        if (closedMeanwhile) {
            started.close();
        }
    }

    /** The process could not be started at all: failed for good with {@code reason} (secret-free). */
    public void failToStart(String reason) {
        changeState(State.FAILED, reason, reason);
    }

    /** What the supervisor says about the process: started, a stdout line, exited, gave up. */
    void onEvent(StdioEvent event) {
        switch (event) {
            case StdioEvent.Started started -> onStarted();
            case StdioEvent.Line line -> router.route(line.text());
            case StdioEvent.Exited exited -> onExited(exited);
            case StdioEvent.GaveUp gaveUp -> {
                String why = gaveUp.startFailure()
                        .map(f -> "The MCP server kept crashing and was stopped (" + gaveUp.reason() + "): " + f)
                        .orElseGet(() -> FailureCause.gaveUp(gaveUp.reason(), crashes.lastStderr(), deploymentId()));
                changeState(State.FAILED, why, why);
            }
        }
    }

    /** Waits until the server is initialized; returns why not when it is not ready in time. */
    public Optional<String> awaitReady(Duration timeout) throws InterruptedException {
        if (state == State.READY) {
            return Optional.empty();
        }
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while ((state == State.STARTING || state == State.INITIALIZING || state == State.RESTARTING) && nanos > 0) {
                nanos = stateChanged.awaitNanos(nanos);
            }
            if (state == State.READY) {
                return Optional.empty();
            }
            return Optional.of(state == State.STARTING || state == State.INITIALIZING || state == State.RESTARTING
                    ? "The MCP server did not become ready within " + timeout.toSeconds() + " s." : problem);
        } finally {
            lock.unlock();
        }
    }

    /** Why the server failed for good, if it did (a restart under way is not a failure). */
    public Optional<String> failure() {
        lock.lock();
        try {
            return state == State.FAILED ? Optional.of(problem) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the bridge may still serve: neither failed for good nor closed. */
    public boolean usable() {
        State now = state;
        return now != State.FAILED && now != State.CLOSED;
    }

    /** The state's name, in lower case, for health reports (e.g. {@code ready}, {@code restarting}). */
    public String stateName() {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** The state for the control plane; a closed bridge is absent. */
    public RuntimeState runtimeState() {
        lock.lock();
        try {
            return switch (state) {
                case STARTING, INITIALIZING, RESTARTING -> new RuntimeState.Starting(detail);
                case READY -> new RuntimeState.Running();
                case FAILED -> new RuntimeState.Failed(detail);
                case CLOSED -> new RuntimeState.Absent();
            };
        } finally {
            lock.unlock();
        }
    }

    /** Whether the server answers a ping of the bridge's own within {@code timeout}; false at once unless ready. */
    public boolean ping(Duration timeout) {
        return state == State.READY && pings.ping(this::send, timeout, modernOnly);
    }

    /** The server's most recent stderr lines, oldest first; none before a process was started. */
    public List<String> recentStderr(int max) {
        StdioChannel c = channel;
        return c == null || max == 0 ? List.of() : c.recentStderr(max);
    }

    /** The crashes since the last call, oldest first (a bounded few, see {@link CrashLog}). */
    public List<Crash> takeCrashes() {
        return crashes.take();
    }

    /**
     * For hints naming the deployment's API path: the local runtime names a deployment's workspace after it;
     * empty for one of the deployments file (workspace owner {@code file}), which the API does not manage.
     */
    private Optional<String> deploymentId() {
        return command.workspace().filter(w -> !w.owner().equals("file")).map(ServerCommand.Workspace::name);
    }

    /**
     * Whether the server speaks only MCP 2026-07-28: it refused the 2025 initialize naming that revision among
     * those it supports. Such a server has no initialize result; 2026 requests are passed through to it.
     */
    public boolean modernOnly() {
        return modernOnly;
    }

    /** The latest successful initialize result (a copy), if any. */
    public Optional<ObjectNode> initResult() {
        lock.lock();
        try {
            return Optional.ofNullable(initResult).map(ObjectNode::deepCopy);
        } finally {
            lock.unlock();
        }
    }

    /** The error object the server answered initialize with, if it refused. */
    public Optional<ObjectNode> initError() {
        lock.lock();
        try {
            return Optional.ofNullable(initError).map(ObjectNode::deepCopy);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Carries a client request of {@code session} to the server (a repeated subscription is answered here);
     * its answer, or an error when the caps or the server refuse it, goes to {@code stream}.
     */
    public void request(Session session, McpStream stream, Request request, Instant deadline) {
        client.request(session, stream, request, deadline);
    }

    /** Carries a client notification or answer (to one of the server's requests) of {@code session}; never answered. */
    public void relay(Session session, JsonRpcMessage message) {
        client.other(session, message);
    }

    /**
     * The answer (and progress) of the one request {@code session} has in flight goes to {@code stream} under
     * {@code clientId} from now on, with a new {@code deadline}: a stateless request resumed by its client's retry.
     * False when the session has no request in flight (the server ended it meanwhile).
     */
    public boolean repoint(Session session, McpStream stream, JsonNode clientId, JsonNode clientToken,
                           Instant deadline) {
        return inFlight.repoint(session, stream, clientId, clientToken, deadline);
    }

    /** Why a request of {@code session} would be refused now for the caps, or empty. */
    public Optional<String> refusal(Session session) {
        return Optional.ofNullable(inFlight.refusal(session));
    }

    /** Whether {@code session} waits for an answer through this bridge. */
    public boolean hasRequestsOf(Session session) {
        return inFlight.hasRequestsOf(session);
    }

    /** Answers {@code session}'s requests in flight with an error saying {@code message} (it is ending). */
    public void failAllOf(Session session, String message) {
        inFlight.failAllOf(session, message);
    }

    private void forward(Session session, McpStream stream, Request request, Instant deadline) {
        String refused = inFlight.reserve(session);
        if (refused != null) {
            session.deliver(stream, JsonRpc.line(JsonRpc.error(request.id(), JsonRpc.TRANSPORT_ERROR, refused)), true);
            return;
        }
        long childId = nextId.incrementAndGet();
        ObjectNode node = request.node();
        node.put("id", childId);
        String childToken = null;
        JsonNode clientToken = null;
        if (node.path("params").path("_meta") instanceof ObjectNode meta && meta.has("progressToken")) {
            clientToken = meta.get("progressToken");
            childToken = "catwalk-progress-" + childId;
            meta.put("progressToken", childToken);
        }
        Pending p = new Pending(childId, session, stream, request.id(), IdKey.of(request.id()), childToken,
                clientToken, deadline);
        inFlight.add(p);
        if (!send(JsonRpc.line(node)) && inFlight.release(p)) {
            InFlight.answer(p, JsonRpc.SERVER_UNAVAILABLE, currentProblem());
        }
    }

    /** Writes one line to the server; false when no process is running or it does not read. */
    private boolean send(String line) {
        StdioChannel c = channel;
        if (c == null) {
            return false;
        }
        try {
            c.send(line);
            return true;
        } catch (CatwalkException e) {
            return false;
        }
    }

    /** Tells the server a forwarded request is no longer wanted. */
    private void cancelAtServer(long childId, String reason) {
        ObjectNode params = JsonRpc.object().put("requestId", childId).put("reason", reason);
        send(JsonRpc.line(JsonRpc.notification("notifications/cancelled", params)));
    }

    /** Cancels at the server what a vanished session had in flight and forgets its routes. */
    public void forget(Session session) {
        inFlight.forget(session, this::cancelAtServer);
        subscriptions.forget(session);
    }

    /**
     * Cancels at the server what {@code session} has in flight, for {@code reason}; the server's requests to it may
     * still be answered ({@link #relay}).
     */
    public void cancelRequestsOf(Session session, String reason) {
        inFlight.cancelRequestsOf(session, this::cancelAtServer, reason);
    }

    /** Answers and cancels requests past their deadline. */
    public void expire(Instant now) {
        inFlight.expire(now, this::cancelAtServer);
    }

    /** Stops the process tree; requests in flight are answered with an error. Idempotent. */
    public void close() {
        StdioChannel c;
        lock.lock();
        try {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CLOSED;
            problem = "The MCP server was stopped.";
            stateChanged.signalAll();
            c = channel;
        } finally {
            lock.unlock();
        }
        pings.failAll();
        inFlight.failAll("The MCP server was stopped.");
        if (c != null) {
            c.close();
        }
    }

    /** What the child router may do to the bridge: send, and recognise and take the initialize answer. */
    private final class ToServer implements ChildRouter.Server {

        @Override
        public boolean send(String line) {
            return Bridge.this.send(line);
        }

        @Override
        public boolean isInitialize(long childId) {
            return childId == initId;
        }

        @Override
        public void onInitializeAnswer(ObjectNode answer) {
            Bridge.this.onInitializeAnswer(answer);
        }
    }

    private void onInitializeAnswer(ObjectNode answer) {
        lock.lock();
        try {
            if (answer.has("result") && answer.get("result").isObject()) {
                initResult = (ObjectNode) answer.get("result");
                initError = null;
                send(JsonRpc.line(JsonRpc.notification("notifications/initialized", null)));
                state = State.READY;
                problem = "";
            } else if (ModernChild.refusedInitialize(answer)) {
                // A server of the stateless revision only: ready, and served by passing 2026-07-28 requests through.
                initResult = null;
                initError = null;
                modernOnly = true;
                state = State.READY;
                problem = "";
            } else {
                initError = answer.path("error").isObject() ? (ObjectNode) answer.get("error")
                        : JsonRpc.object().put("code", JsonRpc.INTERNAL_ERROR).put("message", "initialize failed");
                state = State.FAILED;
                problem = "The MCP server refused to initialize: " + initError.path("message").asText("no reason given");
                // the server's own message may quote anything, so the control plane gets only the code
                detail = "The MCP server refused to initialize (JSON-RPC error " + initError.path("code").asInt() + ").";
            }
            stateChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void onStarted() {
        lock.lock();
        try {
            if (state == State.CLOSED) {
                return;
            }
            if (channel == null) {
                awaitingInitialize = true;
                return;
            }
            sendInitialize();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs under the lock. If the process is already gone, its Exited event follows and the supervisor's
     * restart brings another Started: nothing to do here.
     */
    private void sendInitialize() {
        long id = nextId.incrementAndGet();
        initId = id;
        state = State.INITIALIZING;
        detail = "initializing the MCP session";
        stateChanged.signalAll();
        try {
            channel.send(JsonRpc.line(JsonRpc.request(JsonRpc.object().numberNode(id), "initialize", initParams)));
        } catch (CatwalkException processAlreadyGone) {
            problem = "The MCP server exited while starting.";
        }
    }

    private void onExited(StdioEvent.Exited exited) {
        lock.lock();
        try {
            awaitingInitialize = false;
            if (state != State.CLOSED) { // not stopped on purpose: a crash
                crashes.add(new Crash(exited.exitCode(), exited.stderr(), exited.restartIn()));
            }
        } finally {
            lock.unlock();
        }
        String message = Exits.problem(exited);
        String detail = Exits.detail(exited);
        if (exited.restartIn().isEmpty() && !exited.stderr().isEmpty()) {
            // the supervisor gave up (its GaveUp follows at once) or the bridge is closing (then nothing changes)
            message = FailureCause.explain(Exits.ended(exited) + " and is not restarted", exited.stderr(),
                    deploymentId());
            detail = message;
        }
        changeState(exited.restartIn().isPresent() ? State.RESTARTING : State.FAILED, message, detail);
        pings.failAll();
        inFlight.failAll(message);
    }

    private void changeState(State next, String why, String briefly) {
        lock.lock();
        try {
            if (state != State.CLOSED) {
                state = next;
                problem = why;
                detail = briefly;
            }
            stateChanged.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private String currentProblem() {
        lock.lock();
        try {
            return problem.isEmpty() ? "The MCP server is not reading its input." : problem;
        } finally {
            lock.unlock();
        }
    }
}
