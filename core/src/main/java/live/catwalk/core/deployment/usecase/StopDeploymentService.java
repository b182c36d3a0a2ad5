package live.catwalk.core.deployment.usecase;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.port.in.StopDeployment;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.EventLog;
import live.catwalk.core.deployment.port.out.Runtime;

/**
 * Stores the wish first (desired and status STOPPED), so the reconciler never starts it again, then stops
 * the server. Stopping a stopped deployment changes nothing but its update time and records no event. An
 * admin's stop of someone else's deployment is audited as DEPLOYMENT_STOPPED.
 */
public final class StopDeploymentService implements StopDeployment {

    private final Lifecycle lifecycle;
    private final Runtime runtime;
    private final AuditLog audit;

    public StopDeploymentService(DeploymentRepository deployments, EventLog events, Runtime runtime, AuditLog audit,
                                 Clock clock) {
        this.lifecycle = new Lifecycle(deployments, events, clock);
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public Deployment stop(Principal caller, DeploymentId id) {
        boolean byAdmin = Audits.byAdmin(caller, lifecycle.reachable(caller, id));
        String message = byAdmin ? "stopped by an admin" : "stopped by its owner";
        Deployment stored = lifecycle.change(caller, id, message, false, (d, now) -> {
            Deployment wanted = d.want(DesiredState.STOPPED, now);
            return d.status() == DeploymentStatus.STOPPED ? wanted
                    : wanted.moveTo(DeploymentStatus.STOPPED, Optional.empty(), now);
        });
        runtime.stop(id);
        Audits.ifByAdmin(audit, caller, stored, AuditAction.DEPLOYMENT_STOPPED, lifecycle.clock().instant());
        return stored;
    }
}
