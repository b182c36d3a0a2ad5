package live.catwalk.core.oauth.domain;

/** The two kinds of token the authorization server issues. */
public enum OAuthTokenKind {
    /** Opens the one resource (deployment) it was issued for, until it expires or is revoked. */
    ACCESS,
    /** Obtains new tokens once (it is rotated): a second use is a reuse, a sign of theft. */
    REFRESH
}
