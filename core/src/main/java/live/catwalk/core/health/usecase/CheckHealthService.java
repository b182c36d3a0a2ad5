package live.catwalk.core.health.usecase;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.domain.HealthReport;
import live.catwalk.core.health.domain.HealthStatus;
import live.catwalk.core.health.port.in.CheckHealth;
import live.catwalk.core.health.port.out.HealthProbe;

/** Runs every probe and folds the results; one failing probe makes the whole report DOWN. */
public final class CheckHealthService implements CheckHealth {

    private final String version;
    private final List<HealthProbe> probes;

    public CheckHealthService(String version, List<HealthProbe> probes) {
        this.version = Objects.requireNonNull(version, "version");
        this.probes = List.copyOf(probes);
    }

    @Override
    public HealthReport check() {
        Map<String, ComponentHealth> components = new LinkedHashMap<>();
        HealthStatus overall = HealthStatus.OK;
        for (HealthProbe probe : probes) {
            ComponentHealth health = probeSafely(probe);
            components.put(probe.name(), health);
            if (health.status() == HealthStatus.DOWN) {
                overall = HealthStatus.DOWN;
            }
        }
        return new HealthReport(overall, version, components);
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
