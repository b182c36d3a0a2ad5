package live.catwalk.adapters.rest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import live.catwalk.core.shared.domain.TelemetryEvent;
import live.catwalk.core.shared.port.out.Telemetry;

/**
 * Core's {@link Telemetry} over Micrometer's Prometheus registry, and what {@code /metrics} shows: the events as
 * counters and one latency histogram, the {@link Gauges} read once per scrape, and the JVM's and the process's own
 * (memory, threads, CPU, open files, uptime). Labels are the events' closed sets; the one free-form name, a rate
 * limit's, is kept to {@value #MAX_RATE_LIMITS} values. Thread-safe; {@link #record} never throws.
 */
public final class PrometheusTelemetry implements Telemetry {

    /** The most distinct rate-limit names shown; any further one is counted as {@code other}. */
    static final int MAX_RATE_LIMITS = 16;
    /** The latency histogram's bucket bounds: from a gateway's own overhead to a slow tool call. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60)};
    private static final System.Logger LOG = System.getLogger(PrometheusTelemetry.class.getName());

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<TelemetryEvent.McpRequest, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> rateLimits = new ConcurrentHashMap<>();
    private final Counter restarts;
    private final Counter giveUps;
    private final Readings readings = new Readings();

    private PrometheusTelemetry() {
        restarts = Counter.builder("catwalk.server.restarts")
                .description("Server processes started again after they ended").register(registry);
        giveUps = Counter.builder("catwalk.server.give.ups")
                .description("Servers the supervisor stopped restarting (a crash loop)").register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** A registry with the events' counters at zero and the JVM's metrics; {@link #watch} adds the gauges. */
    public static PrometheusTelemetry create() {
        return new PrometheusTelemetry();
    }

    /** Shows {@code gauges} from now on, each read once per scrape. Call once. */
    public void watch(Gauges gauges) {
        readings.register(Objects.requireNonNull(gauges, "gauges"), registry);
    }

    @Override
    public void record(TelemetryEvent event) {
        try {
            switch (event) {
                case TelemetryEvent.McpRequest request -> timer(request).record(request.nanos(), TimeUnit.NANOSECONDS);
                case TelemetryEvent.ServerRestarted restarted -> restarts.increment();
                case TelemetryEvent.ServerGaveUp gaveUp -> giveUps.increment();
                case TelemetryEvent.OAuthToken token -> Counter.builder("catwalk.oauth.tokens")
                        .description("OAuth token requests by grant type, issued or refused with an error code")
                        .tag("grant_type", token.grantType()).tag("outcome", token.outcome()).register(registry)
                        .increment();
                case TelemetryEvent.OAuthConsent consent -> Counter.builder("catwalk.oauth.consents")
                        .description("OAuth consent pages answered: a grant allowed, or denied")
                        .tag("decision", consent.allowed() ? "allowed" : "denied").register(registry).increment();
                case TelemetryEvent.RateLimited limited -> rateLimit(limited.where()).increment();
            }
        } catch (RuntimeException e) { // metrics must never break a request
            LOG.log(System.Logger.Level.DEBUG, "a metric could not be recorded", e);
        }
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }

    /** The Prometheus text exposition (format 0.0.4), the gauges read just before. */
    public String scrape() {
        readings.refresh();
        return registry.scrape();
    }

    /** One timer per label set: the event with its duration zeroed is the key. */
    private Timer timer(TelemetryEvent.McpRequest request) {
        TelemetryEvent.McpRequest key = new TelemetryEvent.McpRequest(request.method(), request.era(),
                request.outcome(), 0);
        return timers.computeIfAbsent(key, k -> Timer.builder("catwalk.mcp.requests")
                .description("MCP requests answered, by method, protocol era and outcome, until their answer began")
                .tag("method", k.method()).tag("era", k.era().label()).tag("outcome", k.outcome().label())
                .serviceLevelObjectives(BUCKETS).register(registry));
    }

    private Counter rateLimit(String where) {
        Counter known = rateLimits.get(where);
        if (known != null) {
            return known;
        }
        String name = rateLimits.size() < MAX_RATE_LIMITS ? where : "other";
        return rateLimits.computeIfAbsent(name, n -> Counter.builder("catwalk.rate.limited")
                .description("Requests refused by a rate limit, by which limit").tag("where", n).register(registry));
    }
}
