package live.catwalk.core.health.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Catwalk's overall health: {@link HealthStatus#OK} only when every component is OK. Components keep
 * the order in which they were checked.
 */
public record HealthReport(HealthStatus status, String version, Map<String, ComponentHealth> components) {

    public HealthReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(version, "version");
        components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }
}
