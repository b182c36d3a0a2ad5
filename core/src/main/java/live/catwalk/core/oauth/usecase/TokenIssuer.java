package live.catwalk.core.oauth.usecase;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.oauth.domain.GrantId;
import live.catwalk.core.oauth.domain.OAuthLifetimes;
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.OAuthTokenKind;
import live.catwalk.core.oauth.domain.ScopePolicy;
import live.catwalk.core.oauth.port.in.ExchangeToken.Result.Issued;
import live.catwalk.core.oauth.port.out.OAuthStore;
import live.catwalk.core.shared.port.out.Randomness;

/** Mints an access token and a refresh token under a grant, stores only their hashes, and hands the raw ones out once. */
final class TokenIssuer {

    private final OAuthStore store;
    private final OAuthLifetimes lifetimes;
    private final Randomness randomness;

    TokenIssuer(OAuthStore store, OAuthLifetimes lifetimes, Randomness randomness) {
        this.store = Objects.requireNonNull(store, "store");
        this.lifetimes = Objects.requireNonNull(lifetimes, "lifetimes");
        this.randomness = Objects.requireNonNull(randomness, "randomness");
    }

    /**
     * Both tokens, bound to {@code resource}, issued at {@code now}; the store's CONFLICT or NOT_FOUND when the grant
     * was revoked or removed meanwhile (a token already stored then is revoked with the grant).
     */
    Issued issue(GrantId grant, URI resource, Set<String> accessScopes, Set<String> refreshScopes,
                 Optional<TokenHash> fromCode, Instant now) {
        String access = OAuthSecret.ACCESS.mint(randomness.secret());
        String refresh = OAuthSecret.REFRESH.mint(randomness.secret());
        store.insertToken(new OAuthToken(TokenHash.of(access), OAuthTokenKind.ACCESS, grant, resource, accessScopes,
                now, now.plus(lifetimes.access()), Optional.empty(), Optional.empty(), fromCode));
        store.insertToken(new OAuthToken(TokenHash.of(refresh), OAuthTokenKind.REFRESH, grant, resource,
                refreshScopes, now, now.plus(lifetimes.refresh()), Optional.empty(), Optional.empty(), fromCode));
        return new Issued(access, lifetimes.access().toSeconds(), Optional.of(refresh), ScopePolicy.joined(accessScopes));
    }
}
