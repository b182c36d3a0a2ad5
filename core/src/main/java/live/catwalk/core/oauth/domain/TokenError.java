package live.catwalk.core.oauth.domain;

import java.util.Locale;

/**
 * The errors the token and revocation endpoints answer with (RFC 6749 §5.2, RFC 8707 §2): {@link #INVALID_CLIENT}
 * is a 401, the others a 400.
 */
public enum TokenError {
    /** A required parameter is missing, or the request is malformed. */
    INVALID_REQUEST,
    /** Client authentication failed: unknown client, wrong or missing secret, or a method it did not register. */
    INVALID_CLIENT,
    /** The code or refresh token is unknown, expired, used, revoked, another client's, or fails PKCE/redirect checks. */
    INVALID_GRANT,
    /** The {@code grant_type} is neither {@code authorization_code} nor {@code refresh_token}. */
    UNSUPPORTED_GRANT_TYPE,
    /** The {@code scope} asks for more than was granted. */
    INVALID_SCOPE,
    /** The {@code resource} is not the one the code or token is bound to. */
    INVALID_TARGET;

    /** The wire code, e.g. {@code invalid_grant}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
