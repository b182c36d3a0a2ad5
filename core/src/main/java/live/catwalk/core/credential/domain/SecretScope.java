package live.catwalk.core.credential.domain;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Where a secret belongs; its {@link #associatedData()} is bound into the ciphertext, so a sealed secret
 * copied to another row, deployment, user or name does not open.
 */
public sealed interface SecretScope {

    /** The bytes the cipher authenticates along with the secret; distinct for every distinct scope. */
    byte[] associatedData();

    /** A deployment's environment variable. */
    record OfCredential(DeploymentId deployment, EnvVarName name) implements SecretScope {
        public OfCredential {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public byte[] associatedData() {
            return ("catwalk/credential\n" + deployment.value() + "\n" + name.value()).getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A user's secret setting. */
    record OfSetting(UserId user, SettingName name) implements SecretScope {
        public OfSetting {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(name, "name");
        }

        @Override
        public byte[] associatedData() {
            return ("catwalk/setting\n" + user.value() + "\n" + name.wireName()).getBytes(StandardCharsets.UTF_8);
        }
    }
}
