package live.catwalk.adapters.rest;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.CloseType;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.nio.transport.TCPNIOConnection;

/**
 * Total time limits on reading a request: its header block must arrive within one limit of its first
 * byte, its body within another of the end of the headers. Grizzly itself only closes a connection idle
 * for 30 s, so a client sending a byte every few seconds could hold one open for ever. A connection past
 * its limit is closed; one sweeper thread checks the armed deadlines a few times a second.
 */
final class ReadDeadlines implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ReadDeadlines.class.getName());
    private static final Attribute<Tracked> TRACKED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(ReadDeadlines.class.getName() + ".tracked");

    private enum Phase { BETWEEN_REQUESTS, HEADERS, BODY, RECEIVED }

    /** How long a refused connection keeps reading (and dropping) what its client still sends. */
    private static final long LINGER_MILLIS = 1000;

    private final long headerNanos;
    private final long bodyNanos;
    private final Set<Tracked> armed = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService sweeper;

    ReadDeadlines(Duration headers, Duration body) {
        this.headerNanos = headers.toNanos();
        this.bodyNanos = body.toNanos();
        long every = Math.clamp(Math.min(headers.toMillis(), body.toMillis()) / 10, 50, 500);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("catwalk-read-deadlines").daemon().factory());
        sweeper.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.MILLISECONDS);
    }

    /** The filter to place before the HTTP codec: the first bytes of a request start its header clock. */
    BaseFilter rawBytes() {
        return new BaseFilter() {
            @Override
            public NextAction handleRead(FilterChainContext ctx) {
                Tracked t = tracked(ctx.getConnection());
                if (t.phase == Phase.BETWEEN_REQUESTS || t.phase == Phase.RECEIVED) {
                    arm(t, Phase.HEADERS, headerNanos);
                }
                return ctx.getInvokeAction();
            }
        };
    }

    /** The codec has parsed a request's headers; a body, if one follows, has its own clock from now. */
    void headersReceived(Connection<?> connection, boolean bodyFollows) {
        Tracked t = tracked(connection);
        if (bodyFollows) {
            arm(t, Phase.BODY, bodyNanos);
        } else {
            disarm(t);
        }
    }

    /**
     * Closes {@code connection} after a refusal was written while its request may still be arriving: the output is
     * shut at once (the client reads the answer, then the end), the connection itself a second later. Closed at once
     * with unread bytes, the connection would be reset, and a client still sending could lose the answer.
     */
    void closeLingering(Connection<?> connection) {
        if (connection instanceof TCPNIOConnection tcp && tcp.getChannel() instanceof SocketChannel channel) {
            try {
                channel.shutdownOutput();
                sweeper.schedule(connection::closeSilently, LINGER_MILLIS, TimeUnit.MILLISECONDS);
                return;
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "half-close failed; closing", e);
            }
        }
        connection.closeSilently();
    }

    /** The last byte of a request's body has arrived. */
    void bodyReceived(Connection<?> connection) {
        disarm(tracked(connection));
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        armed.clear();
    }

    private void arm(Tracked t, Phase phase, long nanos) {
        t.phase = phase;
        t.deadline = System.nanoTime() + nanos;
        armed.add(t);
    }

    private void disarm(Tracked t) {
        t.phase = Phase.RECEIVED;
        armed.remove(t);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Tracked t : armed) {
            if (now - t.deadline > 0 && (t.phase == Phase.HEADERS || t.phase == Phase.BODY)) {
                armed.remove(t);
                LOG.log(System.Logger.Level.DEBUG, () -> "closing a connection from " + t.connection.getPeerAddress()
                        + ": its request " + (t.phase == Phase.HEADERS ? "headers" : "body") + " took too long");
                t.connection.closeSilently();
            }
        }
    }

    private Tracked tracked(Connection<?> connection) {
        Tracked t = TRACKED.get(connection);
        if (t == null) {
            Tracked created = new Tracked(connection);
            TRACKED.set(connection, created);
            connection.addCloseListener(new CloseListener<Closeable, CloseType>() {
                @Override
                public void onClosed(Closeable closeable, CloseType type) throws IOException {
                    armed.remove(created);
                }
            });
            t = created;
        }
        return t;
    }

    /** One connection's read state; written on its read path, read by the sweeper. */
    private static final class Tracked {

        final Connection<?> connection;
        volatile Phase phase = Phase.BETWEEN_REQUESTS;
        volatile long deadline;

        Tracked(Connection<?> connection) {
            this.connection = connection;
        }
    }
}
