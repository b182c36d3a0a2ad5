package live.catwalk.core.oauth.port.in;

import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.oauth.domain.ClientCredentials;
import live.catwalk.core.oauth.domain.TokenError;

/**
 * The token endpoint ({@code POST /token}, OAuth 2.1 §3.2): authenticates the client, then redeems an authorization
 * code once (PKCE S256, the same redirect URI and resource; a replay revokes what the code produced) or rotates a
 * refresh token (a scope may only narrow; a reuse revokes the whole grant), for a new access token and refresh token.
 * Every failure is a {@link Result.Refused} whose description holds no secret. Thread-safe.
 */
@FunctionalInterface
public interface ExchangeToken {

    /**
     * The form's parameters as sent, each null when absent (an empty one counts as absent): {@code grant_type},
     * {@code code}, {@code redirect_uri}, {@code code_verifier}, {@code refresh_token}, {@code resource} (one value;
     * the HTTP layer refuses several) and {@code scope}; and the client's authentication as presented.
     */
    record Command(String grantType, String code, String redirectUri, String codeVerifier, String refreshToken,
                   String resource, String scope, ClientCredentials client) {
        public Command {
            Objects.requireNonNull(client, "client");
        }

        @Override
        public String toString() {
            return "Command[grantType=" + grantType + ", client=" + client + "]";
        }
    }

    /** The token response, or the OAuth error to answer with. */
    sealed interface Result {

        /**
         * New tokens, given raw this once ({@code token_type} {@value #TOKEN_TYPE}): the access token, its lifetime in
         * seconds, the refresh token (always issued today), and the access token's scopes, space-separated.
         */
        record Issued(String accessToken, long expiresIn, Optional<String> refreshToken, String scope)
                implements Result {

            public static final String TOKEN_TYPE = "Bearer";

            public Issued {
                Objects.requireNonNull(accessToken, "accessToken");
                Objects.requireNonNull(refreshToken, "refreshToken");
                Objects.requireNonNull(scope, "scope");
            }

            public String tokenType() {
                return TOKEN_TYPE;
            }

            @Override
            public String toString() {
                return "Issued[expiresIn=" + expiresIn + ", scope=" + scope + "]";
            }
        }

        /** An OAuth error and a description for a person; {@link TokenError#INVALID_CLIENT} is answered with 401. */
        record Refused(TokenError error, String description) implements Result {
            public Refused {
                Objects.requireNonNull(error, "error");
                Objects.requireNonNull(description, "description");
            }
        }
    }

    Result exchange(Command command);
}
