package live.catwalk.core.mcp.engine.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import live.catwalk.core.mcp.domain.SessionId;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.domain.protocol.ProtocolVersion;
import live.catwalk.core.mcp.domain.protocol.StatelessRequests;
import live.catwalk.core.mcp.engine.session.McpStream.Mode;

/**
 * One MCP session of one principal: its negotiated version, the client's capabilities, and its streams
 * with a bounded log of their events, which is both the delivery queue and the store that makes streams
 * resumable. A POST's answer is plain JSON when its responses come first, and turns into an SSE stream
 * as soon as anything else comes first or the JSON window passes. Each message goes to exactly one
 * stream. Thread-safe: one lock per session.
 */
public final class Session {

    private final SessionId id;
    private final String principal;
    private final ProtocolVersion version;
    private final JsonNode clientCapabilities;
    private final long retryMillis;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Integer, McpStream> streams = new HashMap<>();
    private final EventLog log;
    private final RetainedBytes shared;
    /** What the answers waiting in POST streams' {@code early} lists count against {@link #shared}. */
    private long earlyBytes;
    private int nextStream = 1;
    private Instant lastActivity;
    private final AtomicInteger arriving = new AtomicInteger();
    private boolean ended;
    /** For one stateless (2026-07-28) request: the log level it asked for, if any; null for a 2025 session. */
    private volatile Optional<String> statelessLogLevel;
    /** For one stateless request: who turns the server's requests into rounds of input; null: none. */
    private volatile ServerAsks asks;

    public Session(SessionId id, String principal, ProtocolVersion version, JsonNode clientCapabilities,
                   Instant now, int maxEvents, long maxBytes, long retryMillis, RetainedBytes shared) {
        this.id = Objects.requireNonNull(id, "id");
        this.principal = Objects.requireNonNull(principal, "principal");
        this.version = Objects.requireNonNull(version, "version");
        this.clientCapabilities = clientCapabilities == null || !clientCapabilities.isObject()
                ? MissingNode.getInstance() : clientCapabilities;
        this.lastActivity = Objects.requireNonNull(now, "now");
        this.shared = Objects.requireNonNull(shared, "shared");
        this.log = new EventLog(maxEvents, maxBytes, shared);
        this.retryMillis = retryMillis;
        streams.put(0, new McpStream(0, 0, lock.newCondition()));
        shared.track(this);
    }

    public SessionId id() {
        return id;
    }

    public String principal() {
        return principal;
    }

    public ProtocolVersion version() {
        return version;
    }

    /**
     * Makes this the carrier of one stateless (2026-07-28) request that asked for log messages at {@code logLevel}
     * (or none): the server's requests are not delivered to it (the revision has none), nor log messages below the
     * level. Returns this session.
     */
    public Session stateless(Optional<String> logLevel) {
        statelessLogLevel = Objects.requireNonNull(logLevel, "logLevel");
        return this;
    }

    /** Lets {@code asks} take the server's requests for this stateless carrier; returns this session. */
    public Session asking(ServerAsks asks) {
        this.asks = Objects.requireNonNull(asks, "asks");
        return this;
    }

    /** Who takes the server's requests for this stateless carrier, if anyone. */
    public Optional<ServerAsks> asks() {
        return Optional.ofNullable(asks);
    }

    /** Whether this is the carrier of one stateless (2026-07-28) request. */
    public boolean stateless() {
        return statelessLogLevel != null;
    }

    /** Whether the server's own requests (elicitation, sampling, roots) may be delivered: a 2025 session's only. */
    public boolean answersServerRequests() {
        return statelessLogLevel == null;
    }

    /** Whether a log message at {@code level} may be delivered: always in a 2025 session, as asked in a stateless one. */
    public boolean takesLog(String level) {
        Optional<String> wanted = statelessLogLevel;
        return wanted == null || StatelessRequests.logged(level, wanted);
    }

    /** Whether the client declared the capability (e.g. {@code sampling}) at initialize. */
    public boolean clientSupports(String capability) {
        return clientCapabilities.has(capability);
    }

    /**
     * Marks requests of this session as on their way to its server (waiting for it to be ready) until
     * {@link #arrived()}: meanwhile the session is neither idle nor without a request in flight.
     */
    public void arriving() {
        arriving.incrementAndGet();
    }

    /** Ends one {@link #arriving()}. */
    public void arrived() {
        arriving.decrementAndGet();
    }

    /** Whether requests of this session are {@link #arriving()}. */
    public boolean hasArriving() {
        return arriving.get() > 0;
    }

    /** Records activity: the session is not idle at {@code now}. */
    public void touch(Instant now) {
        lock.lock();
        try {
            if (now.isAfter(lastActivity)) {
                lastActivity = now;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Whether nothing happened since {@code now - timeout} and no stream has a reader. */
    public boolean idle(Instant now, Duration timeout) {
        lock.lock();
        try {
            if (arriving.get() > 0 || streams.values().stream().anyMatch(s -> s.connection != null)) {
                lastActivity = now;
                return false;
            }
            return !lastActivity.plus(timeout).isAfter(now);
        } finally {
            lock.unlock();
        }
    }

    public Instant lastActivity() {
        lock.lock();
        try {
            return lastActivity;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether a POST of this session still waits for its answer or is having its answer stream read: ending the
     * session now would lose what that stream still holds.
     */
    public boolean answering() {
        lock.lock();
        try {
            for (McpStream s : streams.values()) {
                if (!s.standalone() && (s.waiting != null || s.connection != null)) {
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    public boolean hasReaders() {
        lock.lock();
        try {
            return streams.values().stream().anyMatch(s -> s.connection != null);
        } finally {
            lock.unlock();
        }
    }

    /** Opens the answer stream of a POST carrying {@code requests} requests. */
    public McpStream openPostStream(int requests) {
        lock.lock();
        try {
            McpStream stream = new McpStream(nextStream++, requests, lock.newCondition());
            streams.put(stream.number, stream);
            return stream;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands one message (a single JSON line) to a stream; {@code answer} marks the response to one of the
     * stream's requests. Returns false when the stream or the session is gone.
     */
    public boolean deliver(McpStream stream, String line, boolean answer) {
        boolean delivered;
        Runnable answered;
        lock.lock();
        try {
            delivered = deliverLocked(stream, line, answer);
            answered = delivered ? answeredLocked(stream) : null;
        } finally {
            lock.unlock();
        }
        shared.settle();
        hand(answered);
        return delivered;
    }

    /** Under the lock. */
    private boolean deliverLocked(McpStream stream, String line, boolean answer) {
        if (ended || streams.get(stream.number) != stream) {
            return false;
        }
        if (answer) {
            stream.open--;
        }
        switch (stream.mode) {
            case PENDING -> {
                stream.early.add(line);
                earlyBytes += LoggedEvent.bytes(line);
                shared.add(LoggedEvent.bytes(line));
                if (!answer) {
                    stream.sawOther = true;
                }
            }
            case SSE -> append(stream, line, OptionalLong.empty());
            case JSON -> {
                return false;
            }
        }
        stream.changed.signalAll();
        return true;
    }

    /** A request of this stream ended without a response (cancelled by the client). */
    public void abandon(McpStream stream) {
        Runnable answered;
        lock.lock();
        try {
            stream.open--;
            stream.changed.signalAll();
            answered = answeredLocked(stream);
        } finally {
            lock.unlock();
        }
        shared.settle();
        hand(answered);
    }

    /** Queues a message unrelated to any request on the standalone stream, for the GET reader. */
    public void deliverUnrelated(String line) {
        deliver(streams.get(0), line, false);
    }

    /**
     * Waits, without a timer of its own, until the POST's answers are in or its JSON window is over
     * ({@link #endWindow}, which whoever keeps the windows calls): all responses first gives 200 JSON (an
     * array for a batch), anything else first or nothing in time gives an SSE stream, primed for clients
     * of 2025-11-25 or later. {@code headers} go on the response.
     */
    public McpHttpResponse awaitAnswer(McpStream stream, Map<String, String> headers) throws InterruptedException {
        try {
            lock.lock();
            try {
                while (!answerable(stream)) {
                    stream.changed.await();
                }
                return answerLocked(stream, headers);
            } finally {
                lock.unlock();
            }
        } finally {
            shared.settle();
        }
    }

    /**
     * As {@link #awaitAnswer}, without waiting: the answer goes to {@code answered} once it is decided, at once or
     * later on the thread that decides it (the one delivering the last response, ending the window or the session),
     * outside this session's lock. No thread waits meanwhile. {@code answered} is called exactly once and must
     * neither block for long nor throw.
     */
    public void answerWhenReady(McpStream stream, Map<String, String> headers, Consumer<McpHttpResponse> answered) {
        Objects.requireNonNull(answered, "answered");
        McpHttpResponse now;
        lock.lock();
        try {
            if (!answerable(stream)) {
                stream.waiting = new Waiting(headers, answered);
                return;
            }
            now = answerLocked(stream, headers);
        } finally {
            lock.unlock();
        }
        shared.settle();
        answered.accept(now);
    }

    /** Ends the JSON window of a POST stream: its POST stops waiting and answers with what it has. */
    public void endWindow(McpStream stream) {
        Runnable answered;
        lock.lock();
        try {
            stream.windowOver = true;
            stream.changed.signalAll();
            answered = answeredLocked(stream);
        } finally {
            lock.unlock();
        }
        shared.settle();
        hand(answered);
    }

    /** Under the lock: whether the POST of {@code stream} can answer now. */
    private boolean answerable(McpStream stream) {
        return ended || stream.sawOther || stream.open <= 0 || stream.windowOver;
    }

    /**
     * Under the lock: for a POST registered by {@link #answerWhenReady} whose answer can be given now, that answer
     * decided and the handing of it, to run outside the lock; else null.
     */
    private Runnable answeredLocked(McpStream stream) {
        Waiting waiting = stream.waiting;
        if (waiting == null || !answerable(stream)) {
            return null;
        }
        stream.waiting = null;
        McpHttpResponse answer = answerLocked(stream, waiting.headers());
        return () -> waiting.to().accept(answer);
    }

    /** Outside the lock: hands a decided answer (if any) to its POST. */
    private static void hand(Runnable answered) {
        if (answered != null) {
            answered.run();
        }
    }

    /** A POST waiting for its answer without a thread: the headers for its answer and where the answer goes. */
    record Waiting(Map<String, String> headers, Consumer<McpHttpResponse> to) {
    }

    /** Under the lock, once {@link #answerable}: the POST's answer, plain JSON or the stream it turns into. */
    private McpHttpResponse answerLocked(McpStream stream, Map<String, String> headers) {
        if (!ended) {
            long early = stream.early.stream().mapToLong(LoggedEvent::bytes).sum();
            earlyBytes -= early;
            shared.add(-early);
        }
        if (!stream.sawOther && stream.open <= 0 && !stream.early.isEmpty()) {
            stream.mode = Mode.JSON;
            streams.remove(stream.number);
            String body = stream.early.size() == 1 ? stream.early.getFirst()
                    : "[" + String.join(",", stream.early) + "]";
            stream.early.clear();
            return new McpHttpResponse.Json(200, headers, body.getBytes(StandardCharsets.UTF_8));
        }
        stream.mode = Mode.SSE;
        StreamConnection connection = new StreamConnection(this, stream, 0);
        stream.connection = connection;
        if (version.primesStreams()) {
            append(stream, "", OptionalLong.of(retryMillis));
        }
        stream.early.forEach(line -> append(stream, line, OptionalLong.empty()));
        stream.early.clear();
        return new McpHttpResponse.Stream(headers, connection);
    }

    /**
     * A reader for the standalone stream: what it has not delivered yet, then live messages. Empty when
     * another reader is attached (the caller answers 409).
     */
    public Optional<SseSource> readStandalone() {
        lock.lock();
        try {
            McpStream standalone = streams.get(0);
            if (standalone.connection != null) {
                return Optional.empty();
            }
            StreamConnection connection = new StreamConnection(this, standalone, standalone.delivered);
            standalone.connection = connection;
            if (version.primesStreams()) {
                append(standalone, "", OptionalLong.of(retryMillis));
            }
            return Optional.of(connection);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A reader resuming the stream of {@code lastEventId} after that event, replacing any reader the
     * stream had. Empty when the id does not name a kept stream of this session.
     */
    public Optional<SseSource> resume(String lastEventId) {
        int dash = lastEventId.indexOf('-');
        if (dash <= 0) {
            return Optional.empty();
        }
        int number;
        long seq;
        try {
            number = Integer.parseInt(lastEventId.substring(0, dash));
            seq = Long.parseLong(lastEventId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        lock.lock();
        try {
            McpStream stream = streams.get(number);
            if (stream == null || stream.mode != Mode.SSE || !log.issued(seq)) {
                return Optional.empty();
            }
            StreamConnection connection = new StreamConnection(this, stream, seq);
            stream.connection = connection;
            stream.changed.signalAll();
            return Optional.of(connection);
        } finally {
            lock.unlock();
        }
    }

    /** Ends the session: readers get the end of their stream, deliveries are dropped. Idempotent. */
    public void end() {
        List<Runnable> answered = new ArrayList<>(0);
        lock.lock();
        try {
            if (!ended) {
                shared.add(-earlyBytes);
                earlyBytes = 0;
                log.clear();
                shared.untrack(this);
            }
            ended = true;
            for (McpStream s : streams.values()) {
                s.changed.signalAll();
                Runnable a = answeredLocked(s);
                if (a != null) {
                    answered.add(a);
                }
            }
        } finally {
            lock.unlock();
        }
        answered.forEach(Session::hand);
    }

    public boolean ended() {
        lock.lock();
        try {
            return ended;
        } finally {
            lock.unlock();
        }
    }

    /** The shared order of this session's oldest kept event, or {@code Long.MAX_VALUE}; needs no lock. */
    long oldestRetained() {
        return log.oldestOrder();
    }

    /** Drops this session's oldest kept event for the shared budget (a resumption from it then fails). */
    void dropOldestRetained() {
        lock.lock();
        try {
            if (!ended) {
                log.dropOldest(streams);
            } else {
                log.clear();
            }
        } finally {
            lock.unlock();
        }
    }

    ReentrantLock lock() {
        return lock;
    }

    /** Under the lock: whether readers should stop. */
    boolean endedLocked() {
        return ended;
    }

    private void append(McpStream stream, String data, OptionalLong retry) {
        log.append(stream, data, retry, streams);
    }

    @Override
    public String toString() {
        return "session " + id;
    }
}
