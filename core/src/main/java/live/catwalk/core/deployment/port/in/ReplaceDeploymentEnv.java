package live.catwalk.core.deployment.port.in;

import java.util.List;
import java.util.Map;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.ValidationProblem;

/**
 * Replaces all of a deployment's variables (validated like at create, a null value included, every problem at once, nothing
 * changed if there is one), then restarts its server with them; NOT_FOUND if it is not the caller's, checked
 * before the variables. Audited as CREDENTIALS_REPLACED with the names only.
 */
@FunctionalInterface
public interface ReplaceDeploymentEnv {

    /** Either the deployment as stored after the change, or every problem found. */
    sealed interface Result {
        record Replaced(Deployment deployment) implements Result {
        }

        record Rejected(List<ValidationProblem> problems) implements Result {
            public Rejected {
                problems = List.copyOf(problems);
            }
        }
    }

    Result replace(Principal caller, DeploymentId id, Map<String, String> env);
}
