package live.catwalk.core.credential.domain;

import java.util.Objects;
import live.catwalk.core.shared.domain.DeploymentId;

/** One environment variable of a deployment, its value sealed under {@link SecretScope.OfCredential}. */
public record Credential(DeploymentId deployment, EnvVarName name, SealedSecret value) {

    public Credential {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** The scope this credential's value is sealed under. */
    public SecretScope.OfCredential scope() {
        return new SecretScope.OfCredential(deployment, name);
    }
}
