package live.catwalk.core.oauth.port.in;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import live.catwalk.core.oauth.domain.OAuthClientId;

/**
 * Dynamic client registration ({@code POST /register}, RFC 7591): stores a new client with a generated id and, for
 * the secret methods, a secret of which only the hash is kept; other metadata is ignored. INVALID_INPUT with code
 * {@code invalid_redirect_uri} (field {@code redirect_uris}) or {@code invalid_client_metadata} (and the field) for
 * a request it cannot honour. Thread-safe.
 */
@FunctionalInterface
public interface RegisterClient {

    /**
     * The JSON body's fields, each null when absent: {@code redirect_uris} (required), {@code
     * token_endpoint_auth_method} (default {@code client_secret_basic}), {@code client_name}, {@code grant_types}
     * and {@code response_types}. Lists are copied and may hold nulls, which are refused.
     */
    record Command(List<String> redirectUris, String tokenEndpointAuthMethod, String clientName,
                   List<String> grantTypes, List<String> responseTypes) {
        public Command {
            redirectUris = copy(redirectUris);
            grantTypes = copy(grantTypes);
            responseTypes = copy(responseTypes);
        }

        private static List<String> copy(List<String> list) {
            return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
        }
    }

    /**
     * What the 201 body holds: the new {@code client_id}, {@code client_id_issued_at} (epoch seconds), the raw
     * {@code client_secret} this once (only for the secret methods) and the metadata as registered.
     */
    record Registration(OAuthClientId clientId, long clientIdIssuedAt, Optional<String> clientSecret,
                        List<URI> redirectUris, String tokenEndpointAuthMethod, List<String> grantTypes,
                        List<String> responseTypes, String clientName) {
        public Registration {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            redirectUris = List.copyOf(redirectUris);
            Objects.requireNonNull(tokenEndpointAuthMethod, "tokenEndpointAuthMethod");
            grantTypes = List.copyOf(grantTypes);
            responseTypes = List.copyOf(responseTypes);
            Objects.requireNonNull(clientName, "clientName");
        }

        /** {@code client_secret_expires_at}: 0 (never) alongside a secret, absent without one. */
        public OptionalLong clientSecretExpiresAt() {
            return clientSecret.isPresent() ? OptionalLong.of(0) : OptionalLong.empty();
        }

        @Override
        public String toString() {
            return "Registration[clientId=" + clientId + ", tokenEndpointAuthMethod=" + tokenEndpointAuthMethod
                    + ", clientName=" + clientName + "]";
        }
    }

    Registration register(Command command);
}
