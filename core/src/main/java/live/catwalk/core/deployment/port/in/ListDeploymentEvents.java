package live.catwalk.core.deployment.port.in;

import java.util.List;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.domain.DeploymentId;

/** The deployment's last {@code limit} (1-1000) lifecycle events, oldest first; NOT_FOUND if not the caller's. */
@FunctionalInterface
public interface ListDeploymentEvents {

    List<DeploymentEvent> events(Principal caller, DeploymentId id, int limit);
}
