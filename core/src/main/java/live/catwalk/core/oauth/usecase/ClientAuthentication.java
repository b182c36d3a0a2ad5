package live.catwalk.core.oauth.usecase;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.oauth.domain.ClientAuthMethod;
import live.catwalk.core.oauth.domain.ClientCredentials;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.oauth.port.out.OAuthStore;

/**
 * Client authentication at the token and revocation endpoints (RFC 6749 §2.3): a known client, presenting no secret
 * if it is public, else its secret by the method it registered, compared by hash in constant time. A success is
 * recorded on the client. Failure descriptions never repeat what was presented.
 */
final class ClientAuthentication {

    private static final String UNKNOWN_OR_WRONG =
            "Client authentication failed: the client is unknown or its secret is wrong.";

    private final OAuthStore store;
    private final Clock clock;

    ClientAuthentication(OAuthStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The authenticated client, or why authentication failed. */
    sealed interface Outcome {
        record Authenticated(OAuthClient client) implements Outcome {
        }

        record Failed(String description) implements Outcome {
        }
    }

    Outcome authenticate(ClientCredentials presented) {
        Objects.requireNonNull(presented, "presented");
        if (presented.clientId() == null || presented.clientId().isEmpty()) {
            return new Outcome.Failed("Client authentication failed: no client_id was sent.");
        }
        Optional<OAuthClient> found = id(presented.clientId()).flatMap(store::findClient);
        if (found.isEmpty()) {
            return new Outcome.Failed(UNKNOWN_OR_WRONG);
        }
        OAuthClient client = found.get();
        if (client.authMethod() == ClientAuthMethod.NONE && presented.method() != ClientAuthMethod.NONE) {
            return new Outcome.Failed("Client authentication failed: this client is public and sends no secret.");
        }
        if (client.authMethod() != presented.method()) {
            return new Outcome.Failed("Client authentication failed: this client authenticates with "
                    + wireName(client.authMethod()) + ".");
        }
        if (client.authMethod().usesSecret()) {
            TokenHash presentedHash = TokenHash.of(presented.secret().orElseThrow());
            if (!client.secretHash().orElseThrow().matches(presentedHash)) {
                return new Outcome.Failed(UNKNOWN_OR_WRONG);
            }
        }
        store.touchClient(client.id(), clock.instant());
        return new Outcome.Authenticated(client);
    }

    /** The RFC 7591 name of a method, e.g. {@code client_secret_basic}. */
    static String wireName(ClientAuthMethod method) {
        return method.name().toLowerCase(Locale.ROOT);
    }

    private static Optional<OAuthClientId> id(String raw) {
        try {
            return Optional.of(new OAuthClientId(raw));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }
}
