package live.catwalk.adapters.rest;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import live.catwalk.adapters.rest.api.EventStreams;
import org.glassfish.grizzly.http.server.HttpServer;

/**
 * Catwalk's HTTP server: Jersey on Grizzly, virtual threads per request, every error as problem JSON.
 * Built once, started once, stopped once. The adapter's one public entry point besides the resources
 * the composition root registers.
 */
public final class RestServer implements AutoCloseable {

    /** Default bound on request bodies; {@link RestServerBuilder#maxBodyBytes(long)} changes it. */
    public static final long DEFAULT_MAX_BODY_BYTES = 4L * 1024 * 1024;
    /**
     * Default time a request's headers may take from their first byte; {@link RestServerBuilder#readTimeouts} changes
     * it.
     */
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** Default time a request's body may take after its headers; {@link RestServerBuilder#readTimeouts} changes it. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(60);

    private static final System.Logger LOG = System.getLogger(RestServer.class.getName());

    private final HttpServer server;
    private final String host;
    private final ReadDeadlines deadlines;
    private final JerseyInFlight inFlight;
    private final EventStreams streams;
    private final Optional<URI> publicUrl;
    private volatile boolean stopped;

    RestServer(HttpServer server, String host, ReadDeadlines deadlines, JerseyInFlight inFlight,
               EventStreams streams, Optional<URI> publicUrl) {
        this.server = server;
        this.publicUrl = publicUrl;
        this.host = host;
        this.deadlines = deadlines;
        this.inFlight = inFlight;
        this.streams = streams;
    }

    /** A builder for a server on {@code host:port}; port 0 picks a free port at start. */
    public static RestServerBuilder builder(String host, int port) {
        return new RestServerBuilder(host, port);
    }

    /**
     * Binds and starts serving. Throws {@link IOException} when the address cannot be bound (in use,
     * not local, not permitted).
     */
    public URI start() throws IOException {
        server.start();
        URI uri = baseUri();
        LOG.log(System.Logger.Level.INFO, "listening on " + uri);
        return uri;
    }

    /**
     * The base every absolute link is built on: the control plane's public URL, or the bound address (loopback for a
     * wildcard bind) when none is set. Known once the server has started.
     */
    public URI linkBase() {
        return publicUrl.orElseGet(() -> BoundAddress.local(server, host));
    }

    /** The address actually bound, with the real port when 0 was asked for. */
    public URI baseUri() {
        return BoundAddress.of(server, host);
    }

    /**
     * Stops accepting connections at once, ends the API's event streams, lets in-flight requests finish for up to
     * {@code grace} (zero: none, they are cut), then runs Jersey's shutdown. Idempotent.
     */
    public synchronized void stop(Duration grace) {
        if (stopped) {
            return;
        }
        stopped = true;
        // A stream never finishes on its own: left open, it would hold the graceful stop for the whole grace period.
        streams.close();
        if (grace.isZero() || grace.isNegative()) {
            // Grizzly reads a zero grace period as "wait for ever"; stopping at once is shutdownNow alone.
            server.shutdownNow();
            deadlines.close();
            return;
        }
        try {
            server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS).get(grace.toMillis() + 500, TimeUnit.MILLISECONDS);
            // Grizzly is done with them once their responses are out; Jersey may still be finishing them.
            inFlight.awaitIdle(JerseyInFlight.FINISHING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "requests still running after the grace period; closing them");
        } finally {
            // Only shutdownNow() destroys the Jersey container, which runs its onShutdown listeners.
            server.shutdownNow();
            deadlines.close();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(5));
    }
}
