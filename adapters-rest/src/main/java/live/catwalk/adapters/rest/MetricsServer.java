package live.catwalk.adapters.rest;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import live.catwalk.adapters.rest.metrics.MetricsEndpoint;
import live.catwalk.adapters.rest.metrics.PrometheusTelemetry;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * {@code /metrics} on a listener of its own, answering without a token: for a private address (loopback, or a
 * network only the scraper is on), chosen by the operator instead of the main listener's admin-only endpoint. The
 * same edge rules apply as on the main listener ({@code Host} allow-list, read deadlines, security headers); it
 * serves nothing else. Started once, closed once.
 */
public final class MetricsServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MetricsServer.class.getName());
    private static final String LISTENER = "metrics";
    private static final Duration READ_LIMIT = Duration.ofSeconds(10);
    /** A scrape has no body. */
    private static final int MAX_BODY = 1024;

    private final HttpServer server;
    private final String host;
    private final ReadDeadlines deadlines;

    private MetricsServer(HttpServer server, String host, ReadDeadlines deadlines) {
        this.server = server;
        this.host = host;
        this.deadlines = deadlines;
    }

    /**
     * A server for {@code host:port} (port 0: a free one) showing {@code metrics}; it answers to loopback names, to
     * {@code host} and to {@code allowedHosts} ({@code *}: any) as {@code Host}, others get 421.
     */
    public static MetricsServer create(String host, int port, PrometheusTelemetry metrics, Set<String> allowedHosts) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(metrics, "metrics");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        Set<String> hosts = new HashSet<>(allowedHosts);
        hosts.add(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host);
        HttpServer server = new HttpServer();
        NetworkListener listener = new NetworkListener(LISTENER, host, port);
        ReadDeadlines deadlines = new ReadDeadlines(READ_LIMIT, READ_LIMIT);
        JsonErrorPages errorPages = new JsonErrorPages(Json.mapper(), MAX_BODY);
        listener.setDefaultErrorPageGenerator(errorPages);
        listener.registerAddOn(new NoProtocolUpgrades());
        listener.registerAddOn(new EdgeGuard(hosts, deadlines, Json.mapper(), TrustedProxies.none(), MAX_BODY));
        server.addListener(listener);
        var config = server.getServerConfiguration();
        config.setDefaultErrorPageGenerator(errorPages);
        config.setMaxPostSize(MAX_BODY);
        config.setHttpServerName("Catwalk");
        config.setHttpServerVersion("");
        config.addHttpHandler(MetricsEndpoint.open(metrics),
                HttpHandlerRegistration.builder().contextPath("/metrics").urlPattern("/*").build());
        return new MetricsServer(server, host, deadlines);
    }

    /** Binds and serves; throws {@link IOException} when the address cannot be bound. Returns the metrics' URL. */
    public URI start() throws IOException {
        server.start();
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        URI uri = URI.create("http://" + h + ":" + server.getListener(LISTENER).getPort() + "/metrics");
        LOG.log(System.Logger.Level.INFO, "metrics on " + uri);
        return uri;
    }

    /** Stops at once: a scrape in progress is cut. Idempotent. */
    @Override
    public void close() {
        server.shutdownNow();
        deadlines.close();
    }
}
