package live.catwalk.core.deployment.usecase;

import java.util.List;
import java.util.Objects;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentQuotas;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.shared.CatwalkException;

/**
 * Enforces a plain user's {@link DeploymentQuotas} with LIMIT_EXCEEDED (code {@code quota_exceeded}); admins
 * are exempt. Two requests at the same moment may both pass the count: a quota can be exceeded by the
 * requests in flight, never more.
 */
final class Quotas {

    static final String MAX_DEPLOYMENTS_VARIABLE = "CATWALK_MAX_DEPLOYMENTS_PER_USER";
    static final String MAX_RUNNING_VARIABLE = "CATWALK_MAX_RUNNING_PER_USER";

    private final DeploymentQuotas quotas;
    private final DeploymentRepository deployments;

    Quotas(DeploymentQuotas quotas, DeploymentRepository deployments) {
        this.quotas = Objects.requireNonNull(quotas, "quotas");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
    }

    /** Before a new deployment (which is wanted running): room for one more deployment, and one more running. */
    void checkNewDeployment(Principal caller) {
        if (caller.isAdmin()) {
            return;
        }
        List<Deployment> owned = deployments.listByOwner(caller.user(), 0, DeploymentQuotas.MAX);
        if (owned.size() >= quotas.maxDeployments()) {
            throw exceeded("You have " + owned.size() + " deployments; a user may have at most "
                    + quotas.maxDeployments() + " (" + MAX_DEPLOYMENTS_VARIABLE + ").", "delete a deployment you no longer"
                    + " use, or ask an admin to raise " + MAX_DEPLOYMENTS_VARIABLE);
        }
        checkRunning(owned, null);
    }

    /** Before {@code id} goes from wanted stopped to wanted running: room for one more running deployment. */
    void checkStart(Principal caller, DeploymentId id) {
        if (!caller.isAdmin()) {
            checkRunning(deployments.listByOwner(caller.user(), 0, DeploymentQuotas.MAX), id);
        }
    }

    private void checkRunning(List<Deployment> owned, DeploymentId except) {
        long running = owned.stream()
                .filter(d -> d.desired() == DesiredState.RUNNING && !d.id().equals(except)).count();
        if (running >= quotas.maxRunning()) {
            throw exceeded("You have " + running + " deployments running or starting; a user may have at most "
                    + quotas.maxRunning() + " (" + MAX_RUNNING_VARIABLE + ").", "stop a deployment first, or ask an"
                    + " admin to raise " + MAX_RUNNING_VARIABLE);
        }
    }

    private static CatwalkException exceeded(String message, String hint) {
        return CatwalkException.of(CatwalkException.Kind.LIMIT_EXCEEDED, message).withCode("quota_exceeded")
                .withHint(hint);
    }
}
