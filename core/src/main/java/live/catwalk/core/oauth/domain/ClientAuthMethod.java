package live.catwalk.core.oauth.domain;

/** How a client authenticates at the token endpoint (RFC 7591 {@code token_endpoint_auth_method}). */
public enum ClientAuthMethod {
    /** A public client: it sends its id and no secret (every metadata-document client). */
    NONE,
    /** A confidential client sending its secret in the form body. */
    CLIENT_SECRET_POST,
    /** A confidential client sending its secret with HTTP Basic. */
    CLIENT_SECRET_BASIC;

    /** Whether clients of this method hold a secret (whose hash is stored). */
    public boolean usesSecret() {
        return this != NONE;
    }
}
