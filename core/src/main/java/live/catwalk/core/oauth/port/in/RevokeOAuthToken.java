package live.catwalk.core.oauth.port.in;

import java.util.Objects;
import live.catwalk.core.oauth.domain.ClientCredentials;
import live.catwalk.core.oauth.domain.TokenError;

/**
 * Token revocation ({@code POST /revoke}, RFC 7009): once the client is authenticated, revokes the access or refresh
 * token it presents if that belongs to one of its grants (a refresh token revokes its whole grant); an unknown token,
 * or another client's, changes nothing and is answered alike. Thread-safe.
 */
@FunctionalInterface
public interface RevokeOAuthToken {

    /**
     * The form's {@code token} and {@code token_type_hint} as sent (null when absent; the hint is only a hint and is
     * not needed), and the client's authentication as presented.
     */
    record Command(String token, String tokenTypeHint, ClientCredentials client) {
        public Command {
            Objects.requireNonNull(client, "client");
        }

        @Override
        public String toString() {
            return "Command[tokenTypeHint=" + tokenTypeHint + ", client=" + client + "]";
        }
    }

    /** A 200 whatever became of the token, or an OAuth error. */
    sealed interface Result {

        /** Answer 200: the token is revoked now if it was this client's; whether it existed is not said. */
        record Accepted() implements Result {
        }

        /** {@link TokenError#INVALID_CLIENT} (401) or {@link TokenError#INVALID_REQUEST}, for a person to read. */
        record Refused(TokenError error, String description) implements Result {
            public Refused {
                Objects.requireNonNull(error, "error");
                Objects.requireNonNull(description, "description");
            }
        }
    }

    Result revoke(Command command);
}
