package live.catwalk.core.credential.port.in;

import java.util.Map;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.domain.DeploymentId;

/** Seals a deployment's variables and stores them in place of its previous ones, all at once. */
@FunctionalInterface
public interface ReplaceCredentials {

    /** The deployment and its complete new set of variables. */
    record Command(DeploymentId deployment, Map<EnvVarName, SecretValue> values) {
        public Command {
            values = Map.copyOf(values);
        }
    }

    void replace(Command command);
}
