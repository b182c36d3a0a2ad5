package live.catwalk.bootstrap.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.SignUpPolicy;
import live.catwalk.core.credential.domain.SecretValue;

/**
 * Sign-in with GitHub: GitHub's web address, Catwalk's OAuth app there (both or neither of its client id and
 * secret; the secret's {@code toString} never shows it), and who may sign up.
 */
public record SignInSettings(URI github, Optional<String> clientId, Optional<SecretValue> clientSecret,
                             SignUpPolicy policy) {
    public SignInSettings {
        Objects.requireNonNull(github, "github");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(policy, "policy");
    }
}
