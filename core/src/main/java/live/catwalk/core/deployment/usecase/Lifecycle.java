package live.catwalk.core.deployment.usecase;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentQuotas;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.EventLog;
import live.catwalk.core.shared.CatwalkException;

/**
 * What the owner-facing deployment use cases share: finding the caller's deployment (someone else's answers
 * a non-admin exactly like a missing one; an admin reaches any for get, stop, start, restart and delete), and
 * changing it under optimistic locking with one retry, since the reconciler updates deployments concurrently.
 */
final class Lifecycle {

    /** A change to a deployment as of {@code now}. */
    @FunctionalInterface
    interface Change {
        Deployment apply(Deployment current, Instant now);
    }

    private final DeploymentRepository deployments;
    private final EventLog events;
    private final Clock clock;
    private final Quotas quotas;

    Lifecycle(DeploymentRepository deployments, EventLog events, Clock clock) {
        this(deployments, events, clock, DeploymentQuotas.UNLIMITED);
    }

    /** Changes that make a deployment wanted RUNNING are held to {@code quotas}. */
    Lifecycle(DeploymentRepository deployments, EventLog events, Clock clock, DeploymentQuotas quotas) {
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.events = Objects.requireNonNull(events, "events");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.quotas = new Quotas(quotas, deployments);
    }

    Clock clock() {
        return clock;
    }

    /** LIMIT_EXCEEDED if wanting {@code current} RUNNING would exceed the caller's running quota. */
    void checkMayRun(Principal caller, Deployment current) {
        if (current.desired() != DesiredState.RUNNING) {
            quotas.checkStart(caller, current.id());
        }
    }

    /** The caller's deployment; NOT_FOUND if it does not exist or is someone else's. */
    Deployment owned(Principal caller, DeploymentId id) {
        return owned(deployments, caller, id);
    }

    /** The caller's deployment in {@code deployments}; NOT_FOUND if it does not exist or is someone else's. */
    static Deployment owned(DeploymentRepository deployments, Principal caller, DeploymentId id) {
        return deployments.find(id).filter(d -> d.owner().equals(caller.user()))
                .orElseThrow(() -> CatwalkException.notFound("no deployment " + id));
    }

    /** The deployment if it is the caller's or the caller is an admin; NOT_FOUND otherwise. */
    Deployment reachable(Principal caller, DeploymentId id) {
        return reachable(deployments, caller, id);
    }

    /** The deployment if it is the caller's or the caller is an admin; NOT_FOUND otherwise or if it does not exist. */
    static Deployment reachable(DeploymentRepository deployments, Principal caller, DeploymentId id) {
        return deployments.find(id).filter(d -> caller.isAdmin() || d.owner().equals(caller.user()))
                .orElseThrow(() -> CatwalkException.notFound("no deployment " + id));
    }

    /**
     * Applies {@code change} to the caller's deployment (any deployment for an admin) and stores it; on CONFLICT
     * re-reads and applies it once more (a second CONFLICT propagates). Records an event with {@code message} when
     * the status changed, or always if {@code alwaysRecord}. LIMIT_EXCEEDED if the change would make a stopped
     * deployment wanted RUNNING beyond the caller's running quota.
     */
    Deployment change(Principal caller, DeploymentId id, String message, boolean alwaysRecord, Change change) {
        for (int attempt = 1; ; attempt++) {
            Deployment current = reachable(deployments, caller, id);
            Instant now = clock.instant();
            Deployment next = change.apply(current, now);
            if (next.desired() == DesiredState.RUNNING) {
                checkMayRun(caller, current);
            }
            Deployment stored;
            try {
                stored = deployments.update(next);
            } catch (CatwalkException e) {
                if (e.kind() == CatwalkException.Kind.CONFLICT && attempt == 1) {
                    continue;
                }
                throw e;
            }
            if (alwaysRecord || stored.status() != current.status()) {
                events.append(new DeploymentEvent(id, now, Optional.of(current.status()), stored.status(), message));
            }
            return stored;
        }
    }

    /**
     * The deployment wanted RUNNING and set up for the reconciler to start it afresh: a running one goes to
     * STARTING (the reconciler starts it once the runtime reports it absent), a stopped or failed one to PENDING
     * (validated and started from scratch); one on its way up already stays where it is.
     */
    static Deployment restarted(Deployment d, Instant now) {
        Deployment wanted = d.want(DesiredState.RUNNING, now);
        return switch (d.status()) {
            case RUNNING, UNHEALTHY, SUSPENDED -> wanted.moveTo(DeploymentStatus.STARTING, Optional.empty(), now);
            case STOPPED, FAILED -> wanted.moveTo(DeploymentStatus.PENDING, Optional.empty(), now);
            case PENDING, VALIDATING, PROVISIONING, STARTING, DELETED -> wanted;
        };
    }
}
