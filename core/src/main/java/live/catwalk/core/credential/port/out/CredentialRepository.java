package live.catwalk.core.credential.port.out;

import java.util.List;
import live.catwalk.core.credential.domain.Credential;
import live.catwalk.core.deployment.domain.DeploymentId;

/** The sealed environment variables of deployments. Thread-safe. */
public interface CredentialRepository {

    /**
     * Replaces all of a deployment's credentials with {@code credentials} (all for that deployment) at once:
     * a reader sees the old set or the new one, never a mix. The deployment must exist (else NOT_FOUND).
     */
    void replaceAll(DeploymentId deployment, List<Credential> credentials);

    /** A deployment's credentials ordered by name; empty if it has none or does not exist. */
    List<Credential> list(DeploymentId deployment);

    /** Removes a deployment's credentials; returns how many there were. */
    int deleteAll(DeploymentId deployment);
}
