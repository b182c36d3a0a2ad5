package live.catwalk.core.health.usecase;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.domain.HealthReport;
import live.catwalk.core.health.domain.HealthStatus;
import live.catwalk.core.health.port.in.CheckHealth;
import live.catwalk.core.health.port.out.HealthProbe;

/**
 * Runs every probe at once and folds the results; one failing probe makes the whole report DOWN. A check answers
 * within its deadline: a probe that has not answered by then (a database that does not answer a connection) is
 * DOWN for this report, and keeps running alone; the next check waits for that same run rather than start another,
 * so a hanging component never piles up probes.
 */
public final class CheckHealthService implements CheckHealth {

    /** How long a check waits for its probes unless told otherwise. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(3);

    private final String version;
    private final List<HealthProbe> probes;
    private final Duration deadline;
    private final Map<HealthProbe, CompletableFuture<ComponentHealth>> running = new ConcurrentHashMap<>();

    public CheckHealthService(String version, List<HealthProbe> probes) {
        this(version, probes, DEFAULT_DEADLINE);
    }

    /** {@code deadline}: how long one check waits for its probes (positive). */
    public CheckHealthService(String version, List<HealthProbe> probes, Duration deadline) {
        this.version = Objects.requireNonNull(version, "version");
        this.probes = List.copyOf(probes);
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive: " + deadline);
        }
        this.deadline = deadline;
    }

    @Override
    public HealthReport check() {
        Map<HealthProbe, CompletableFuture<ComponentHealth>> answers = new LinkedHashMap<>();
        for (HealthProbe probe : probes) {
            answers.put(probe, running.compute(probe, (p, run) -> run != null && !run.isDone() ? run : start(p)));
        }
        try {
            CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
                    .completeOnTimeout(null, deadline.toMillis(), TimeUnit.MILLISECONDS).join();
        } catch (RuntimeException impossible) {
            // start() completes every answer normally; nothing to add.
        }
        Map<String, ComponentHealth> components = new LinkedHashMap<>();
        HealthStatus overall = HealthStatus.OK;
        for (var answer : answers.entrySet()) {
            ComponentHealth health = answer.getValue().getNow(null);
            if (health == null) {
                health = ComponentHealth.down("did not answer within " + seconds(deadline));
            }
            components.put(answer.getKey().name(), health);
            if (health.status() == HealthStatus.DOWN) {
                overall = HealthStatus.DOWN;
            }
        }
        return new HealthReport(overall, version, components);
    }

    private static CompletableFuture<ComponentHealth> start(HealthProbe probe) {
        CompletableFuture<ComponentHealth> answer = new CompletableFuture<>();
        Thread.ofVirtual().name("health-" + probe.name()).start(() -> {
            try {
                answer.complete(probeSafely(probe));
            } finally {
                answer.complete(ComponentHealth.down("probe failed")); // after an Error; no-op otherwise
            }
        });
        return answer;
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static ComponentHealth probeSafely(HealthProbe probe) {
        try {
            return Objects.requireNonNull(probe.probe(), "probe result");
        } catch (RuntimeException failure) {
            // The exception text may come from a driver and name hosts or users: keep it out of the report.
            return ComponentHealth.down("probe failed: " + failure.getClass().getSimpleName());
        }
    }
}
