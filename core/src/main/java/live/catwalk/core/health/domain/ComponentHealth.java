package live.catwalk.core.health.domain;

import java.util.Objects;

/**
 * The health of one named component; {@code detail} is a short, secret-free note for operators
 * (never null, may be empty).
 */
public record ComponentHealth(HealthStatus status, String detail) {

    public ComponentHealth {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    public static ComponentHealth ok(String detail) {
        return new ComponentHealth(HealthStatus.OK, detail);
    }

    public static ComponentHealth down(String detail) {
        return new ComponentHealth(HealthStatus.DOWN, detail);
    }
}
