package live.catwalk.core.deployment.domain;

import live.catwalk.core.shared.domain.DeploymentId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.shared.domain.UserId;

/**
 * A deployment as stored: its owner and spec, what the owner wants and where it is, why (for FAILED and
 * UNHEALTHY), the runtime's handle on it (a machine id, say), and a version that every update must
 * present unchanged: the repository refuses a stale one with CONFLICT.
 */
public record Deployment(DeploymentId id, UserId owner, DeploymentSpec spec, DesiredState desired,
                         DeploymentStatus status, Optional<String> reason, Optional<String> runtimeHandle,
                         long version, Instant createdAt, Instant updatedAt) {

    public static final int MAX_REASON = 1000;

    public Deployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(desired, "desired");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(runtimeHandle, "runtimeHandle");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        reason = reason.map(r -> r.length() > MAX_REASON ? r.substring(0, MAX_REASON) : r);
        if (runtimeHandle.map(String::length).orElse(0) > 200) {
            throw new IllegalArgumentException("a runtime handle is at most 200 characters");
        }
    }

    /** A new deployment: PENDING, wanted RUNNING, version 0. */
    public static Deployment create(DeploymentId id, UserId owner, DeploymentSpec spec, Instant now) {
        return new Deployment(id, owner, spec, DesiredState.RUNNING, DeploymentStatus.PENDING, Optional.empty(),
                Optional.empty(), 0, now, now);
    }

    /** This deployment in {@code next}; throws {@link IllegalStateException} if the lifecycle forbids it. */
    public Deployment moveTo(DeploymentStatus next, Optional<String> why, Instant now) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("a deployment cannot go from " + status + " to " + next);
        }
        return new Deployment(id, owner, spec, desired, next, why, runtimeHandle, version, createdAt, now);
    }

    /** This deployment with another desired state. */
    public Deployment want(DesiredState wanted, Instant now) {
        return new Deployment(id, owner, spec, wanted, status, reason, runtimeHandle, version, createdAt, now);
    }

    /** This deployment with another spec (e.g. new variable names). */
    public Deployment withSpec(DeploymentSpec newSpec, Instant now) {
        return new Deployment(id, owner, newSpec, desired, status, reason, runtimeHandle, version, createdAt, now);
    }

    /** This deployment with the runtime's handle on it, or none. */
    public Deployment withRuntimeHandle(Optional<String> handle, Instant now) {
        return new Deployment(id, owner, spec, desired, status, reason, handle, version, createdAt, now);
    }
}
