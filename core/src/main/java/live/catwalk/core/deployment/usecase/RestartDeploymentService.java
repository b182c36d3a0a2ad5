package live.catwalk.core.deployment.usecase;

import java.time.Clock;
import java.util.Objects;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentQuotas;
import live.catwalk.core.deployment.port.in.RestartDeployment;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.EventLog;
import live.catwalk.core.deployment.port.out.Runtime;

/**
 * Stores the deployment wanted RUNNING and headed for a fresh start (RUNNING/UNHEALTHY to STARTING,
 * STOPPED/FAILED to PENDING), records "restart requested", then stops the server: the reconciler sees it
 * absent and starts it again with its current variables.
 */
public final class RestartDeploymentService implements RestartDeployment {

    private final Lifecycle lifecycle;
    private final Runtime runtime;
    private final AuditLog audit;

    public RestartDeploymentService(DeploymentRepository deployments, EventLog events, Runtime runtime,
                                    AuditLog audit, Clock clock) {
        this(deployments, events, runtime, audit, clock, DeploymentQuotas.UNLIMITED);
    }

    /** Restarting a stopped deployment beyond the caller's running quota is LIMIT_EXCEEDED (admins exempt). */
    public RestartDeploymentService(DeploymentRepository deployments, EventLog events, Runtime runtime,
                                    AuditLog audit, Clock clock, DeploymentQuotas quotas) {
        this.lifecycle = new Lifecycle(deployments, events, clock, quotas);
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public Deployment restart(Principal caller, DeploymentId id) {
        Deployment stored = lifecycle.change(caller, id, "restart requested", true, Lifecycle::restarted);
        runtime.stop(id);
        Audits.ifByAdmin(audit, caller, stored, AuditAction.DEPLOYMENT_RESTARTED, lifecycle.clock().instant());
        return stored;
    }
}
