package live.catwalk.core.deployment.port.in;

import java.util.List;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.FileDeployment;

/**
 * The deployments the deployments file defines, by id, each with where its server is now: every one for an admin
 * (the operator's deployments are the admins' to see), none for anyone else. Read-only: a change through the API
 * is answered with {@link FileDeployment#managedByFile}.
 */
@FunctionalInterface
public interface ListFileDeployments {

    List<FileDeployment> list(Principal caller);
}
