package live.catwalk.core.credential.port.out;

import java.util.List;
import live.catwalk.core.credential.domain.Credential;
import live.catwalk.core.shared.domain.DeploymentId;

/** The sealed environment variables of deployments, removed with their deployment. Thread-safe. */
public interface CredentialRepository {

    /**
     * Replaces all of a deployment's credentials with {@code credentials} at once: a reader sees the old set
     * or the new one, never a mix. NOT_FOUND if the deployment does not exist; {@link IllegalArgumentException}
     * if a credential is for another deployment or two share a name. Either way nothing changes.
     */
    void replaceAll(DeploymentId deployment, List<Credential> credentials);

    /** A deployment's credentials ordered by name; empty if it has none or does not exist. */
    List<Credential> list(DeploymentId deployment);

    /** Removes a deployment's credentials; returns how many there were. */
    int deleteAll(DeploymentId deployment);
}
