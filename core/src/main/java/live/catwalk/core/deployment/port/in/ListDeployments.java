package live.catwalk.core.deployment.port.in;

import java.util.List;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.Deployment;

/** A page of the caller's deployments, newest first; INVALID_INPUT for an offset below 0 or a limit outside 1-100. */
@FunctionalInterface
public interface ListDeployments {

    List<Deployment> list(Principal caller, int offset, int limit);
}
