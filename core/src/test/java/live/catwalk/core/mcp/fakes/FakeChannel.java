package live.catwalk.core.mcp.fakes;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.mcp.domain.StdioEvent;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.port.out.StdioChannel;
import live.catwalk.core.shared.CatwalkException;

/**
 * One fake supervised process. Like the real supervisor it reports events from a thread of its own, in
 * order; the scripted server runs on that thread too. Records every message the "process" received.
 */
public final class FakeChannel implements StdioChannel {

    public final ServerCommand command;
    private final FakeMcpServer server;
    private final Consumer<StdioEvent> events;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());
    private final BlockingQueue<ObjectNode> received = new LinkedBlockingQueue<>();
    /** The methods of every request and notification received, whether taken from {@link #received} or not. */
    private final java.util.Set<String> methods = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<String> stderr = new ArrayList<>();
    private volatile int generation;
    private volatile boolean running;
    private volatile boolean closed;

    FakeChannel(ServerCommand command, FakeMcpServer server, Consumer<StdioEvent> events) {
        this.command = command;
        this.server = server;
        this.events = events;
    }

    void boot() {
        thread.execute(() -> {
            generation++;
            running = true;
            events.accept(new StdioEvent.Started(generation));
        });
    }

    void bootAndCrash() {
        thread.execute(() -> {
            generation++;
            events.accept(new StdioEvent.Started(generation));
            events.accept(new StdioEvent.Exited(generation, OptionalInt.of(1), Optional.of(Duration.ofMillis(20))));
            generation++;
            running = true;
            events.accept(new StdioEvent.Started(generation));
        });
    }

    @Override
    public void send(String line) {
        if (line.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("a line must not contain a newline");
        }
        if (!running) {
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, "not running");
        }
        ObjectNode message = (ObjectNode) JsonRpc.parse(line);
        // Queue the processing before recording: whatever a test does after seeing the message on
        // the process's thread then runs after the message was processed.
        thread.execute(() -> {
            if (running) {
                server.receive(message.deepCopy(), this);
            }
        });
        methods.add(message.path("method").asText(""));
        received.add(message);
    }

    /** Runs {@code action} on the process's thread, after everything it has received so far. */
    void onServerThread(Runnable action) {
        thread.execute(action);
    }

    /** Writes one message to "stdout" (the bridge sees it as a line). */
    public void emit(ObjectNode message) {
        emitRaw(JsonRpc.line(message));
    }

    /** Writes a raw stdout line; a closed process writes nothing. */
    public void emitRaw(String line) {
        int gen = generation;
        if (!thread.isShutdown()) {
            try {
                // A real process's output is all delivered before its exit is reported: a line queued
                // behind a crash of its generation is never seen.
                thread.execute(() -> {
                    if (running && generation == gen) {
                        events.accept(new StdioEvent.Line(gen, line));
                    }
                });
            } catch (RejectedExecutionException closedMeanwhile) {
                // the process was closed between the check and the write: like a real one, it says nothing
            }
        }
    }

    /** The process dies; with {@code restart} the next generation starts after a short delay. */
    public void crash(boolean restart) {
        thread.execute(() -> {
            running = false;
            events.accept(new StdioEvent.Exited(generation, OptionalInt.of(137),
                    restart ? Optional.of(Duration.ofMillis(20)) : Optional.empty()));
            if (restart && !closed) {
                server.reset();
                generation++;
                running = true;
                events.accept(new StdioEvent.Started(generation));
            }
        });
    }

    /** The process dies and its restart is due in 2 s; it happens when {@link #restartNow} is called. */
    public void crashAndHold() {
        thread.execute(() -> {
            running = false;
            events.accept(new StdioEvent.Exited(generation, OptionalInt.of(1), Optional.of(Duration.ofSeconds(2))));
        });
    }

    /** Waits until what this process was told so far (a crash, a line to write) has happened and been reported. */
    public void settle() throws Exception {
        thread.submit(() -> { }).get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The restart {@link #crashAndHold} announced. */
    public void restartNow() {
        thread.execute(() -> {
            server.reset();
            generation++;
            running = true;
            events.accept(new StdioEvent.Started(generation));
        });
    }

    /** The process dies and the supervisor gives up on it (crash loop). */
    public void crashAndGiveUp() {
        crashAndGiveUp(List.of());
    }

    /** The process dies having written {@code lastStderr}, and the supervisor gives up on it. */
    public void crashAndGiveUp(List<String> lastStderr) {
        thread.execute(() -> {
            running = false;
            events.accept(new StdioEvent.Exited(generation, OptionalInt.of(1), Optional.empty(), lastStderr));
            events.accept(new StdioEvent.GaveUp("'fake-server' ended 5 times within 60 s; it is not restarted again"));
        });
    }

    /** The process writes one line to stderr. */
    public void writeStderr(String line) {
        synchronized (stderr) {
            stderr.add(line);
        }
    }

    /** The next message the process received, waiting up to 5 s. */
    public ObjectNode nextReceived() throws InterruptedException {
        ObjectNode message = received.poll(5, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("the fake server received nothing within 5 s");
        }
        return message;
    }

    /** The next received message with this method, skipping others. */
    public ObjectNode nextReceived(String method) throws InterruptedException {
        while (true) {
            ObjectNode message = nextReceived();
            if (method.equals(message.path("method").asText())) {
                return message;
            }
        }
    }

    /** Whether the process ever received a {@code method} message. */
    public boolean hasReceived(String method) {
        return methods.contains(method);
    }

    public List<ObjectNode> receivedSoFar() {
        return List.copyOf(received);
    }

    /** The scripted server behind this channel. */
    public FakeMcpServer server() {
        return server;
    }

    public int generation() {
        return generation;
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public List<String> recentStderr(int max) {
        synchronized (stderr) {
            return List.copyOf(stderr.subList(Math.max(0, stderr.size() - max), stderr.size()));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        thread.execute(() -> {
            boolean was = running;
            running = false;
            if (was) {
                events.accept(new StdioEvent.Exited(generation, OptionalInt.of(0), Optional.empty()));
            }
        });
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
