package live.catwalk.core.oauth.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A client's authentication as presented at the token or revocation endpoint: its {@code client_id} (null when none
 * was sent) and either no secret ({@link ClientAuthMethod#NONE}, a public client) or a secret and how it came
 * ({@code client_secret_post} in the form, {@code client_secret_basic} in the Authorization header). Not checked
 * against anything yet; {@link #toString} never shows the secret.
 */
public record ClientCredentials(String clientId, ClientAuthMethod method, Optional<String> secret) {

    public ClientCredentials {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(secret, "secret");
        if (secret.isPresent() != method.usesSecret()) {
            throw new IllegalArgumentException("a secret comes exactly with client_secret_post or client_secret_basic");
        }
    }

    /** A {@code client_id} alone (it may be null: nothing was sent). */
    public static ClientCredentials none(String clientId) {
        return new ClientCredentials(clientId, ClientAuthMethod.NONE, Optional.empty());
    }

    /** A {@code client_id} and {@code client_secret} from the form body. */
    public static ClientCredentials post(String clientId, String secret) {
        return new ClientCredentials(clientId, ClientAuthMethod.CLIENT_SECRET_POST, Optional.of(secret));
    }

    /** A {@code client_id} and secret from HTTP Basic authentication, already decoded. */
    public static ClientCredentials basic(String clientId, String secret) {
        return new ClientCredentials(clientId, ClientAuthMethod.CLIENT_SECRET_BASIC, Optional.of(secret));
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", method=" + method
                + (secret.isPresent() ? ", secret=…]" : "]");
    }
}
