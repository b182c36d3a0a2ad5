package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.UserId;

/**
 * The API's open Server-Sent Event streams: each polls its source on a virtual thread of its own, sends an
 * event when the source has news and a {@code : keep-alive} comment when it was quiet for the heartbeat period,
 * and ends when its client leaves, when the credential it was opened with stops authenticating (a revoked token,
 * a signed-out session: checked once a heartbeat period), after a bounded lifetime (the client reconnects), or
 * when this is closed at the server's stop. At most {@value #PER_USER} streams per user and {@value #IN_ALL} in all (LIMIT_EXCEEDED
 * beyond). Thread-safe.
 */
public final class EventStreams implements AutoCloseable {

    /** How often a stream asks its source for news in production. */
    public static final Duration POLL = Duration.ofSeconds(1);
    /** How long a production stream may be silent before it sends a comment, so proxies keep it open. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** How long a production stream lasts before the server ends it and the client reconnects. */
    public static final Duration LIFETIME = Duration.ofMinutes(30);
    /** How many streams one user may hold open at once. */
    public static final int PER_USER = 8;
    /** How many streams the server holds open at once, whoever they are for. */
    public static final int IN_ALL = 1000;
    /** The {@code retry} every event carries: how long a browser's EventSource waits before it reconnects. */
    static final long RECONNECT_MILLIS = 2000;

    private static final System.Logger LOG = System.getLogger(EventStreams.class.getName());
    /** How long one event may take to be written before the client counts as gone. */
    private static final long SEND_SECONDS = 30;

    private final Duration poll;
    private final Duration heartbeat;
    private final Duration lifetime;
    private final Map<UserId, Integer> open = new HashMap<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private int total;
    private boolean closed;

    /** Streams that poll every {@code poll}, send a heartbeat after {@code heartbeat} and last {@code lifetime}. */
    public EventStreams(Duration poll, Duration heartbeat, Duration lifetime) {
        this.poll = positive(poll, "poll");
        this.heartbeat = positive(heartbeat, "heartbeat");
        this.lifetime = positive(lifetime, "lifetime");
    }

    /** Production timings: {@link #POLL}, {@link #HEARTBEAT}, {@link #LIFETIME}. */
    public static EventStreams standard() {
        return new EventStreams(POLL, HEARTBEAT, LIFETIME);
    }

    private static Duration positive(Duration d, String name) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
        return d;
    }

    /**
     * What a stream sends: the data of the next event, or empty when nothing is new since the last call. The first
     * call gives the stream's first event (and may throw, while the response can still be a problem); a later
     * call that throws ends the stream.
     */
    @FunctionalInterface
    interface Source {
        Optional<Object> next();
    }

    /**
     * Starts streaming {@code source}'s events named {@code name} to {@code sink} and returns: Jersey sends nothing,
     * not even the headers, before the resource method returns, so the stream runs on a virtual thread of its own.
     * LIMIT_EXCEEDED, UPSTREAM_UNAVAILABLE (stopping) or the source's first failure are thrown before that.
     */
    void serve(SecurityContext context, SseEventSink sink, Sse sse, String name, Source source) {
        Principal caller = Caller.of(context);
        BooleanSupplier current = Caller.current(context);
        take(caller.user());
        try {
            Object first = source.next().orElseThrow(() -> new IllegalStateException("a source starts with data"));
            Thread.ofVirtual().name("catwalk-events-" + name).start(() -> {
                try {
                    run(sink, sse, name, first, source, current);
                } finally {
                    give(caller.user());
                }
            });
        } catch (RuntimeException | Error e) {
            give(caller.user());
            throw e;
        }
    }

    private void run(SseEventSink sink, Sse sse, String name, Object first, Source source, BooleanSupplier current) {
        long started = System.nanoTime();
        long lastSent = started;
        long lastChecked = started;
        long id = 0;
        Object data = first;
        try (sink) {
            while (true) {
                long now = System.nanoTime();
                if (data != null) {
                    if (!send(sink, sse.newEventBuilder().id(Long.toString(++id)).name(name)
                            .reconnectDelay(RECONNECT_MILLIS).mediaType(MediaType.APPLICATION_JSON_TYPE)
                            .data(data.getClass(), data).build())) {
                        return;
                    }
                    lastSent = now;
                } else if (now - lastSent >= heartbeat.toNanos()) {
                    if (!send(sink, sse.newEventBuilder().comment("keep-alive").build())) {
                        return;
                    }
                    lastSent = now;
                }
                long left = lifetime.toNanos() - (System.nanoTime() - started);
                if (left <= 0 || sink.isClosed() || stopped(Math.min(left, poll.toNanos()))) {
                    return;
                }
                if (System.nanoTime() - lastChecked >= heartbeat.toNanos()) {
                    if (!current.getAsBoolean()) {
                        return;
                    }
                    lastChecked = System.nanoTime();
                }
                data = source.next().orElse(null);
            }
        } catch (CatwalkException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "event stream '" + name + "' ended: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "event stream '" + name + "' failed", e);
        }
    }

    /** Whether the event went out; a closed sink, a write error or a stalled client all say no. */
    private static boolean send(SseEventSink sink, OutboundSseEvent event) {
        if (sink.isClosed()) {
            return false;
        }
        try {
            // Jersey reports a failed write either as a failed stage or as a stage completed with the exception.
            return !(sink.send(event).toCompletableFuture().get(SEND_SECONDS, TimeUnit.SECONDS) instanceof Throwable);
        } catch (IllegalStateException | ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Waits up to {@code nanos}; whether the streams were closed (or the thread interrupted) meanwhile. */
    private boolean stopped(long nanos) {
        try {
            return stopping.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private synchronized void take(UserId user) {
        if (closed) {
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, "The server is stopping.")
                    .withHint("Reconnect once it is back.");
        }
        int mine = open.getOrDefault(user, 0);
        if (mine >= PER_USER) {
            throw CatwalkException.of(CatwalkException.Kind.LIMIT_EXCEEDED, "You have " + mine
                    + " event streams open, the most one user may have.")
                    .withHint("Close another dashboard tab or stream first.");
        }
        if (total >= IN_ALL) {
            throw CatwalkException.of(CatwalkException.Kind.LIMIT_EXCEEDED, "The server has as many event streams "
                    + "open as it allows.").withHint("Try again later.");
        }
        open.put(user, mine + 1);
        total++;
    }

    private synchronized void give(UserId user) {
        open.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
        total--;
    }

    /** Ends every open stream (one waiting for its next poll at once) and refuses new ones; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        stopping.countDown();
    }
}
