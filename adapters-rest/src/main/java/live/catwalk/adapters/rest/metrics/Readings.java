package live.catwalk.adapters.rest.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import live.catwalk.core.deployment.domain.DeploymentStatus;

/**
 * The gauges' values, read from their {@link Gauges} once per scrape and kept here for the registry's gauges to show:
 * one query of the deployments per scrape however many statuses there are. A reading that fails keeps its last value.
 */
final class Readings {

    private static final System.Logger LOG = System.getLogger(Readings.class.getName());

    private Gauges gauges; // guarded by this
    private volatile int sessions;
    private volatile int streams;
    private volatile int serverProcesses;
    private volatile Map<DeploymentStatus, Long> deployments = Map.of();
    private volatile Gauges.Pool pool = new Gauges.Pool(0, 0, 0, 0);

    synchronized void register(Gauges watched, MeterRegistry registry) {
        if (gauges != null) {
            throw new IllegalStateException("the gauges are watched already");
        }
        gauges = watched;
        Gauge.builder("catwalk.mcp.sessions", () -> sessions)
                .description("MCP sessions live in this Catwalk's engine").register(registry);
        Gauge.builder("catwalk.mcp.streams", () -> streams)
                .description("MCP event streams being written to clients").register(registry);
        Gauge.builder("catwalk.server.processes", () -> serverProcesses)
                .description("Server processes alive (deployments' children)").register(registry);
        for (DeploymentStatus status : DeploymentStatus.values()) {
            Gauge.builder("catwalk.deployments", () -> deployments.getOrDefault(status, 0L))
                    .description("Deployments in each status").tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder("catwalk.db.connections.active", () -> pool.active())
                .description("Database connections in use").register(registry);
        Gauge.builder("catwalk.db.connections.idle", () -> pool.idle())
                .description("Database connections open and idle").register(registry);
        Gauge.builder("catwalk.db.connections.pending", () -> pool.pending())
                .description("Threads waiting for a database connection").register(registry);
        Gauge.builder("catwalk.db.connections.max", () -> pool.max())
                .description("The most database connections the pool opens").register(registry);
    }

    /** Reads every gauge once; nothing when none are watched. */
    synchronized void refresh() {
        if (gauges == null) {
            return;
        }
        sessions = read("sessions", () -> gauges.sessions().getAsInt(), sessions);
        streams = read("streams", () -> gauges.streams().getAsInt(), streams);
        serverProcesses = read("server processes", () -> gauges.serverProcesses().getAsInt(), serverProcesses);
        deployments = read("deployments", () -> Map.copyOf(gauges.deployments().get()), deployments);
        pool = read("database pool", gauges.pool(), pool);
    }

    private static <T> T read(String what, Supplier<T> reading, T last) {
        try {
            return reading.get();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not read " + what + " for the metrics; showing the last value", e);
            return last;
        }
    }
}
