package live.catwalk.core.mcp.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The MCP gateway's limits and policies, the same for every deployment of one Catwalk.
 *
 * @param allowedHosts       Host header names accepted besides loopback ({@code *} accepts any)
 * @param allowedOrigins     Origin values accepted besides loopback origins; an entry without a port
 *                           matches any port ({@code *} accepts any)
 * @param maxBodyBytes       largest POST body
 * @param jsonWindow         how long a POST waits for its answer before switching to an SSE stream
 * @param idleTimeout        a session with no request and no open stream for this long is ended
 * @param maxSessions        sessions per deployment
 * @param maxChildren        processes per deployment in isolated mode
 * @param requestTimeout     a request unanswered this long gets a timeout error and is cancelled
 * @param startTimeout       how long a request waits for a (re)starting server before failing
 * @param eventLogEvents     events kept per session for resumption
 * @param eventLogBytes      bytes of event data kept per session for resumption
 * @param retryMillis        the SSE {@code retry} sent to clients that prime streams
 */
public record GatewaySettings(Set<String> allowedHosts, Set<String> allowedOrigins, long maxBodyBytes,
                              Duration jsonWindow, Duration idleTimeout, int maxSessions, int maxChildren,
                              Duration requestTimeout, Duration startTimeout, int eventLogEvents,
                              long eventLogBytes, long retryMillis) {

    public GatewaySettings {
        allowedHosts = Set.copyOf(allowedHosts);
        allowedOrigins = Set.copyOf(allowedOrigins);
        positive(maxBodyBytes, "maxBodyBytes");
        Objects.requireNonNull(jsonWindow, "jsonWindow");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        positive(maxSessions, "maxSessions");
        positive(maxChildren, "maxChildren");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(startTimeout, "startTimeout");
        positive(eventLogEvents, "eventLogEvents");
        positive(eventLogBytes, "eventLogBytes");
        positive(retryMillis, "retryMillis");
    }

    /** Loopback only, 4 MiB bodies, 30-minute idle sessions, at most 1000 sessions and 16 children. */
    public static GatewaySettings defaults() {
        return new GatewaySettings(Set.of(), Set.of(), 4L * 1024 * 1024, Duration.ofSeconds(1),
                Duration.ofMinutes(30), 1000, 16, Duration.ofMinutes(10), Duration.ofMinutes(2),
                1000, 8L * 1024 * 1024, 1000);
    }

    public GatewaySettings withAllowed(Set<String> hosts, Set<String> origins) {
        return new GatewaySettings(hosts, origins, maxBodyBytes, jsonWindow, idleTimeout, maxSessions,
                maxChildren, requestTimeout, startTimeout, eventLogEvents, eventLogBytes, retryMillis);
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
