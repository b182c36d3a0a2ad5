package live.catwalk.adapters.persistence.vault;

import java.util.UUID;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.shared.domain.DeploymentId;

/** Scopes for the vault tests. */
final class Scopes {

    static final UserId ALICE = new UserId(UUID.fromString("00000000-0000-0000-0000-00000000a11c"));
    static final UserId BOB = new UserId(UUID.fromString("00000000-0000-0000-0000-000000000b0b"));

    private Scopes() {
    }

    static SecretScope credential(String deployment, String variable) {
        return new SecretScope.OfCredential(new DeploymentId(deployment), new EnvVarName(variable));
    }

    static SecretScope setting(UserId user, SettingName name) {
        return new SecretScope.OfSetting(user, name);
    }
}
