package live.catwalk.core.deployment.port.in;

import java.util.List;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.domain.DeploymentId;

/** The last {@code lines} (1-1000) lines of the server's stderr, oldest first; NOT_FOUND if not the caller's. */
@FunctionalInterface
public interface ReadDeploymentLogs {

    List<String> logs(Principal caller, DeploymentId id, int lines);
}
