package live.catwalk.core.oauth.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import live.catwalk.core.account.domain.TokenHash;

/**
 * An authorization code as stored: the hash of the code (never the code), the grant it was issued under, and what
 * it is bound to (redirect URI, the S256 PKCE challenge as 43 base64url characters, the resource and scopes).
 * It can be redeemed once, before {@code expiresAt} (exclusive); {@code usedAt} records that redemption.
 */
public record AuthorizationCode(TokenHash hash, GrantId grant, URI redirectUri, String codeChallenge, URI resource,
                                Set<String> scopes, Instant expiresAt, Optional<Instant> usedAt) {

    private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

    public AuthorizationCode {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(grant, "grant");
        Uris.checked(redirectUri, "redirect URI");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
        if (!S256_CHALLENGE.matcher(codeChallenge).matches()) {
            throw new IllegalArgumentException("an S256 code challenge is 43 base64url characters");
        }
        Uris.checked(resource, "resource");
        scopes = Scopes.checked(scopes);
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(usedAt, "usedAt");
    }

    /** Whether it is past its lifetime at {@code now} (it expires at {@code expiresAt} exactly). */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** This code marked used at {@code at}. */
    public AuthorizationCode usedAt(Instant at) {
        return new AuthorizationCode(hash, grant, redirectUri, codeChallenge, resource, scopes, expiresAt,
                Optional.of(at));
    }
}
