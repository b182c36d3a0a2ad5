package live.catwalk.core.deployment.domain;

import java.util.EnumSet;
import java.util.Set;

/** Where a deployment is in its lifecycle; {@link #canMoveTo} is the one table of allowed transitions. */
public enum DeploymentStatus {
    PENDING, VALIDATING, PROVISIONING, STARTING, RUNNING, UNHEALTHY, SUSPENDED, STOPPED, FAILED, DELETED;

    /** Whether a deployment in this status may next be in {@code next}; DELETED is final. */
    public boolean canMoveTo(DeploymentStatus next) {
        return allowed().contains(next);
    }

    private Set<DeploymentStatus> allowed() {
        return switch (this) {
            case PENDING -> EnumSet.of(VALIDATING, STARTING, STOPPED, FAILED, DELETED);
            case VALIDATING -> EnumSet.of(PROVISIONING, STARTING, STOPPED, FAILED, DELETED);
            case PROVISIONING -> EnumSet.of(STARTING, STOPPED, FAILED, DELETED);
            case STARTING -> EnumSet.of(RUNNING, UNHEALTHY, STOPPED, FAILED, DELETED);
            case RUNNING -> EnumSet.of(UNHEALTHY, SUSPENDED, STARTING, STOPPED, FAILED, DELETED);
            case UNHEALTHY -> EnumSet.of(RUNNING, STARTING, STOPPED, FAILED, DELETED);
            case SUSPENDED -> EnumSet.of(RUNNING, UNHEALTHY, STARTING, STOPPED, FAILED, DELETED);
            case STOPPED, FAILED -> EnumSet.of(PENDING, STARTING, STOPPED, DELETED);
            case DELETED -> EnumSet.noneOf(DeploymentStatus.class);
        };
    }
}
