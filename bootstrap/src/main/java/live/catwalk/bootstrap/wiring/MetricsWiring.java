package live.catwalk.bootstrap.wiring;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import live.catwalk.adapters.persistence.Database;
import live.catwalk.adapters.rest.MetricsServer;
import live.catwalk.adapters.rest.RestServerBuilder;
import live.catwalk.adapters.rest.mcp.McpActivity;
import live.catwalk.adapters.rest.metrics.Gauges;
import live.catwalk.adapters.rest.metrics.PrometheusTelemetry;
import live.catwalk.bootstrap.config.MetricsSettings;
import live.catwalk.core.account.port.in.Authenticate;
import live.catwalk.core.mcp.engine.McpEndpoints;
import live.catwalk.runner.ProcessSupervisor;

/**
 * {@code /metrics}: what its gauges read (this Catwalk's engine, streams, supervisor, deployments and pool), and where
 * it is served: on the main listener for admins' tokens, or, with {@code CATWALK_METRICS_BIND}, on a listener of its
 * own without a token.
 */
final class MetricsWiring {

    private static final System.Logger LOG = System.getLogger(MetricsWiring.class.getName());

    private MetricsWiring() {
    }

    static Gauges gauges(McpEndpoints endpoints, McpActivity activity, ProcessSupervisor supervisor, Database database) {
        return new Gauges(() -> endpoints.summary().sessions(), activity::streams, supervisor::liveProcesses,
                database.deployments()::countByStatus, () -> {
                    Database.PoolUse use = database.poolUse();
                    return new Gauges.Pool(use.active(), use.idle(), use.waiting(), use.max());
                });
    }

    /** {@code builder}, serving {@code /metrics} to admins unless the metrics have a listener of their own. */
    static RestServerBuilder onMainListener(MetricsSettings settings, PrometheusTelemetry metrics,
                                             Authenticate admins, RestServerBuilder builder) {
        return settings.ownListener().isPresent() ? builder : builder.metrics(metrics, admins);
    }

    /**
     * The metrics' own listener, started, when the settings name one; it answers to {@code allowedHosts} besides
     * loopback and its own address. Throws {@link IOException} when its address cannot be bound.
     */
    static Optional<MetricsServer> ownListener(MetricsSettings settings, PrometheusTelemetry metrics,
                                               Set<String> allowedHosts) throws IOException {
        if (settings.ownListener().isEmpty()) {
            return Optional.empty();
        }
        MetricsSettings.Listener listener = settings.ownListener().get();
        if (listener.wildcard()) {
            LOG.log(System.Logger.Level.WARNING, "CATWALK_METRICS_BIND is a wildcard address: the metrics are served "
                    + "without a token on every interface; bind them to a private address (e.g. 127.0.0.1:9464)");
        }
        MetricsServer server = MetricsServer.create(listener.host(), listener.port(), metrics, allowedHosts);
        try {
            server.start();
        } catch (IOException e) {
            server.close();
            throw new IOException("Cannot serve the metrics at " + listener.host() + ":" + listener.port() + " ("
                    + e.getMessage() + "); choose another CATWALK_METRICS_BIND.", e);
        }
        return Optional.of(server);
    }
}
