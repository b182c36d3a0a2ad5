package live.catwalk.core.credential.port.in;

import java.util.Map;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Opens a deployment's variables, for the moment its server is being started; the caller drops the
 * result as soon as the process has them. INTERNAL ({@code secret_unreadable}) if one does not open.
 */
@FunctionalInterface
public interface OpenCredentials {

    Map<EnvVarName, SecretValue> open(DeploymentId deployment);
}
