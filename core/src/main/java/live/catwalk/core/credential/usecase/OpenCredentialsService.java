package live.catwalk.core.credential.usecase;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import live.catwalk.core.credential.domain.Credential;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.credential.port.in.OpenCredentials;
import live.catwalk.core.credential.port.out.CredentialRepository;
import live.catwalk.core.credential.port.out.SecretCipher;
import live.catwalk.core.shared.domain.DeploymentId;

/** Opens each stored value under the scope it was sealed for. */
public final class OpenCredentialsService implements OpenCredentials {

    private final SecretCipher cipher;
    private final CredentialRepository credentials;

    public OpenCredentialsService(SecretCipher cipher, CredentialRepository credentials) {
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public Map<EnvVarName, SecretValue> open(DeploymentId deployment) {
        Map<EnvVarName, SecretValue> values = new LinkedHashMap<>();
        for (Credential credential : credentials.list(deployment)) {
            values.put(credential.name(), cipher.open(credential.value(), credential.scope()));
        }
        return values;
    }
}
