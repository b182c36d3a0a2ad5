package live.catwalk.core.deployment.usecase;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.port.in.DeleteDeployment;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.shared.CatwalkException;

/**
 * Removes the row (credentials, events and tokens go with it) before stopping the server, so no reconcile
 * pass can start it again once the stop has returned. An admin may delete anyone's deployment (the audit row
 * then names the owner too).
 */
public final class DeleteDeploymentService implements DeleteDeployment {

    private final DeploymentRepository deployments;
    private final Runtime runtime;
    private final AuditLog audit;
    private final Clock clock;

    public DeleteDeploymentService(DeploymentRepository deployments, Runtime runtime, AuditLog audit, Clock clock) {
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void delete(Principal caller, DeploymentId id) {
        Deployment deployment = Lifecycle.reachable(deployments, caller, id);
        // The row goes first: from then on no reconcile pass starts the server again, and one that was
        // starting it as we deleted finds it unwanted on its next pass and stops it.
        if (!deployments.delete(id)) {
            throw CatwalkException.notFound("no deployment " + id);
        }
        runtime.stop(id);
        String whose = Audits.byAdmin(caller, deployment) ? " of user " + deployment.owner() + ", by an admin" : "";
        audit.record(new AuditEntry(clock.instant(), AuditAction.DEPLOYMENT_DELETED, Optional.of(caller.user()),
                Optional.of(id.value()), Audits.detail("deployment '" + deployment.spec().name() + "'" + whose)));
    }
}
