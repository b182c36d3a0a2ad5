package live.catwalk.core.oauth.domain;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.TokenHash;

/**
 * An issued access or refresh token as stored: its hash (never the token), its grant, the resource it is bound to
 * and its scopes. It is usable from {@code issuedAt} until {@code expiresAt} (exclusive) unless revoked; a refresh
 * token only until {@code usedAt} (rotation), which an access token never has. {@code fromCode} names the
 * authorization code it came from, so that a replayed code can revoke what it produced.
 */
public record OAuthToken(TokenHash hash, OAuthTokenKind kind, GrantId grant, URI resource, Set<String> scopes,
                         Instant issuedAt, Instant expiresAt, Optional<Instant> usedAt, Optional<Instant> revokedAt,
                         Optional<TokenHash> fromCode) {

    public OAuthToken {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(grant, "grant");
        Uris.checked(resource, "resource");
        scopes = Scopes.checked(scopes);
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(usedAt, "usedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        Objects.requireNonNull(fromCode, "fromCode");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("a token expires after it is issued");
        }
        if (kind == OAuthTokenKind.ACCESS && usedAt.isPresent()) {
            throw new IllegalArgumentException("only a refresh token is marked used");
        }
    }

    /** Whether it is past its lifetime at {@code now} (it expires at {@code expiresAt} exactly). */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether it opens its resource (or, for a refresh token, can be rotated) at {@code now}. */
    public boolean isUsableAt(Instant now) {
        return revokedAt.isEmpty() && usedAt.isEmpty() && !isExpiredAt(now);
    }

    /** This token marked used at {@code at}. */
    public OAuthToken usedAt(Instant at) {
        return new OAuthToken(hash, kind, grant, resource, scopes, issuedAt, expiresAt, Optional.of(at), revokedAt,
                fromCode);
    }

    /** This token revoked at {@code at}. */
    public OAuthToken revokedAt(Instant at) {
        return new OAuthToken(hash, kind, grant, resource, scopes, issuedAt, expiresAt, usedAt, Optional.of(at),
                fromCode);
    }
}
