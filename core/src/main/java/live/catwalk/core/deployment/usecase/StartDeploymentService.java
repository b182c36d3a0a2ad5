package live.catwalk.core.deployment.usecase;

import java.time.Clock;
import java.util.Optional;
import java.util.Objects;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentQuotas;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.port.in.StartDeployment;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.EventLog;
import live.catwalk.core.shared.CatwalkException;

/**
 * Only stores the wish: a STOPPED or FAILED deployment goes back to PENDING (an event) and the reconciler
 * validates and starts it; one already on its way up or running is left as it is. An admin's start of someone
 * else's deployment is audited as DEPLOYMENT_STARTED.
 */
public final class StartDeploymentService implements StartDeployment {

    private final Lifecycle lifecycle;
    private final AuditLog audit;
    private final boolean sandboxed;

    public StartDeploymentService(DeploymentRepository deployments, EventLog events, AuditLog audit, Clock clock) {
        this(deployments, events, audit, clock, DeploymentQuotas.UNLIMITED);
    }

    /** Starting a stopped deployment beyond the caller's running quota is LIMIT_EXCEEDED (admins exempt). */
    public StartDeploymentService(DeploymentRepository deployments, EventLog events, AuditLog audit, Clock clock,
                                  DeploymentQuotas quotas) {
        this(deployments, events, audit, clock, quotas, true);
    }

    /**
     * When plain users' servers may not run ({@code sandboxed} false: no sandbox and no opt-out) a plain user's
     * package deployment is not started: INVALID_INPUT with code {@code sandbox_unavailable} naming the fix.
     */
    public StartDeploymentService(DeploymentRepository deployments, EventLog events, AuditLog audit, Clock clock,
                                  DeploymentQuotas quotas, boolean sandboxed) {
        this.lifecycle = new Lifecycle(deployments, events, clock, quotas);
        this.audit = Objects.requireNonNull(audit, "audit");
        this.sandboxed = sandboxed;
    }

    @Override
    public Deployment start(Principal caller, DeploymentId id) {
        if (!sandboxed && !caller.isAdmin() && lifecycle.owned(caller, id).spec().launch() instanceof Launch.Package) {
            throw CatwalkException.invalidInput("package", "The deployment " + LaunchRules.NO_SANDBOX + ".",
                    LaunchRules.NO_SANDBOX_HINT + ".").withCode("sandbox_unavailable");
        }
        Deployment stored = lifecycle.change(caller, id, "start requested", false, (d, now) -> {
            Deployment wanted = d.want(DesiredState.RUNNING, now);
            return d.status() == DeploymentStatus.STOPPED || d.status() == DeploymentStatus.FAILED
                    ? wanted.moveTo(DeploymentStatus.PENDING, Optional.empty(), now) : wanted;
        });
        Audits.ifByAdmin(audit, caller, stored, AuditAction.DEPLOYMENT_STARTED, lifecycle.clock().instant());
        return stored;
    }
}
