package live.catwalk.adapters.rest.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import live.catwalk.core.deployment.domain.DeploymentStatus;

/**
 * What {@code /metrics} reads at each scrape, once per scrape: the MCP sessions live in this Catwalk, the event streams
 * it is writing, the server processes alive, the deployments in each status, and the database pool's use. A reading
 * that throws keeps the value read last.
 */
public record Gauges(IntSupplier sessions, IntSupplier streams, IntSupplier serverProcesses,
                     Supplier<Map<DeploymentStatus, Long>> deployments, Supplier<Pool> pool) {

    /** A connection pool's use: connections in use, idle, threads waiting for one, and the most it opens. */
    public record Pool(int active, int idle, int pending, int max) {
    }

    public Gauges {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(serverProcesses, "serverProcesses");
        Objects.requireNonNull(deployments, "deployments");
        Objects.requireNonNull(pool, "pool");
    }
}
