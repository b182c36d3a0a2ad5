package live.catwalk.bootstrap.config;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.SignUpPolicy;
import live.catwalk.core.credential.domain.SecretValue;

/**
 * Sign-in with GitHub as configured: GitHub's web address, the OAuth app's client id and secret (both or neither),
 * and the sign-up policy with its allow-list.
 */
final class SignInConfig {

    private SignInConfig() {
    }

    /** GitHub sign-in's settings; null after recording a problem. */
    static SignInSettings read(CatwalkConfig.Reader r) {
        Optional<URI> github = r.read(ConfigVariable.GITHUB_URL, ConfigValues::httpUrl);
        Optional<String> id = r.read(ConfigVariable.GITHUB_CLIENT_ID, v -> {
            if (!v.isEmpty() && !v.matches("[A-Za-z0-9._-]{1,100}")) {
                throw new IllegalArgumentException("is not a GitHub OAuth app's client id");
            }
            return Optional.of(v).filter(c -> !c.isEmpty());
        });
        Optional<SecretValue> secret = r.read(ConfigVariable.GITHUB_CLIENT_SECRET, CatwalkConfig::secret);
        SignUpPolicy.Mode mode = r.read(ConfigVariable.SIGNUP, v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
            case "github" -> SignUpPolicy.Mode.GITHUB;
            case "invite" -> SignUpPolicy.Mode.INVITE;
            case "closed" -> SignUpPolicy.Mode.CLOSED;
            default -> throw new IllegalArgumentException("is not github, invite or closed");
        });
        Set<String> allowed = r.read(ConfigVariable.SIGNUP_ALLOW, ConfigValues::githubNames);
        if (github == null || id == null || secret == null || mode == null || allowed == null) {
            return null;
        }
        if (id.isPresent() != secret.isPresent()) {
            ConfigVariable missing = id.isPresent() ? ConfigVariable.GITHUB_CLIENT_SECRET
                    : ConfigVariable.GITHUB_CLIENT_ID;
            r.problem(missing, "Not set, while " + (id.isPresent() ? ConfigVariable.GITHUB_CLIENT_ID.envName
                    : ConfigVariable.GITHUB_CLIENT_SECRET.envName) + " is",
                    "Set both to the client id and a client secret of the GitHub OAuth app, or neither.");
            return null;
        }
        return new SignInSettings(github.orElseThrow(), id, secret, new SignUpPolicy(mode, allowed));
    }
}
