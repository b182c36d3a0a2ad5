package live.catwalk.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@code TokenRepository} does. */
public abstract class TokenRepositoryContract extends StoreContract {

    private User ann;
    private Deployment weather;

    @BeforeEach
    protected final void givenAUserWithADeployment() {
        ann = givenUser("ann");
        weather = givenDeployment(ann.id(), "weather");
    }

    @Test
    void findsAPersonalTokenByHashWithEveryOptionalAbsent() {
        AccessToken token = givenToken(ann.id());

        assertEquals(Optional.of(token), stores.tokens().findByHash(token.hash()));
    }

    @Test
    void findsADeploymentTokenByHashWithEveryOptionalPresent() {
        AccessToken t = fixtures.deploymentToken(ann.id(), weather.id());
        AccessToken used = new AccessToken(t.id(), t.owner(), t.deployment(), t.name(), t.prefix(), t.hash(),
                t.createdAt(), Optional.of(fixtures.next()), Optional.of(fixtures.next()));
        stores.tokens().insert(used);

        assertEquals(Optional.of(used), stores.tokens().findByHash(used.hash()));
    }

    @Test
    void findsNothingForAnUnknownHash() {
        givenToken(ann.id());

        assertEquals(Optional.empty(), stores.tokens().findByHash(TokenHash.of("never issued")));
    }

    @Test
    void refusesATakenHashAsConflict() {
        AccessToken first = givenToken(ann.id());
        AccessToken other = fixtures.token(ann.id());
        AccessToken sameHash = new AccessToken(other.id(), ann.id(), Optional.empty(), "other", other.prefix(),
                first.hash(), other.createdAt(), Optional.empty(), Optional.empty());

        assertFailsWith(Kind.CONFLICT, () -> stores.tokens().insert(sameHash));

        assertEquals(List.of(first), stores.tokens().listByOwner(ann.id()));
    }

    @Test
    void refusesATakenIdAsConflict() {
        AccessToken first = givenToken(ann.id());
        AccessToken other = fixtures.token(ann.id());
        AccessToken sameId = new AccessToken(first.id(), ann.id(), Optional.empty(), "other", other.prefix(),
                other.hash(), other.createdAt(), Optional.empty(), Optional.empty());

        assertFailsWith(Kind.CONFLICT, () -> stores.tokens().insert(sameId));

        assertEquals(Optional.empty(), stores.tokens().findByHash(other.hash()));
    }

    @Test
    void refusesATokenOfAnUnknownOwnerAsNotFound() {
        AccessToken orphan = fixtures.token(fixtures.user("ghost").id());

        assertFailsWith(Kind.NOT_FOUND, () -> stores.tokens().insert(orphan));

        assertEquals(Optional.empty(), stores.tokens().findByHash(orphan.hash()));
    }

    @Test
    void refusesATokenForAnUnknownDeploymentAsNotFound() {
        AccessToken orphan = fixtures.deploymentToken(ann.id(), fixtures.deploymentId());

        assertFailsWith(Kind.NOT_FOUND, () -> stores.tokens().insert(orphan));

        assertEquals(Optional.empty(), stores.tokens().findByHash(orphan.hash()));
    }

    @Test
    void listsAnOwnersTokensNewestFirstRevokedOnesIncluded() {
        AccessToken oldest = givenToken(ann.id());
        AccessToken middle = givenDeploymentToken(ann.id(), weather.id());
        AccessToken newest = givenToken(ann.id());
        givenToken(givenUser("bob").id());
        stores.tokens().revoke(middle.id(), ann.id(), fixtures.next());

        List<AccessToken> listed = stores.tokens().listByOwner(ann.id());

        assertEquals(List.of(newest.id(), middle.id(), oldest.id()), listed.stream().map(AccessToken::id).toList());
        assertTrue(listed.get(1).isRevoked());
    }

    @Test
    void listsNothingForAUserWithoutTokens() {
        givenToken(ann.id());

        assertEquals(List.of(), stores.tokens().listByOwner(givenUser("bob").id()));
    }

    @Test
    void revokesALiveTokenOfItsOwnerAtTheGivenTime() {
        AccessToken token = givenToken(ann.id());
        Instant at = fixtures.next();

        assertTrue(stores.tokens().revoke(token.id(), ann.id(), at));

        assertEquals(Optional.of(at), stores.tokens().findByHash(token.hash()).orElseThrow().revokedAt());
    }

    @Test
    void doesNotRevokeAnotherUsersToken() {
        AccessToken token = givenToken(ann.id());
        User bob = givenUser("bob");

        assertFalse(stores.tokens().revoke(token.id(), bob.id(), fixtures.next()));

        assertEquals(Optional.of(token), stores.tokens().findByHash(token.hash()));
    }

    @Test
    void revokesATokenOnlyOnceKeepingTheFirstTime() {
        AccessToken token = givenToken(ann.id());
        Instant first = fixtures.next();
        stores.tokens().revoke(token.id(), ann.id(), first);

        assertFalse(stores.tokens().revoke(token.id(), ann.id(), fixtures.next()));

        assertEquals(Optional.of(first), stores.tokens().findByHash(token.hash()).orElseThrow().revokedAt());
    }

    @Test
    void doesNotRevokeAnUnknownToken() {
        AccessToken never = fixtures.token(ann.id());

        assertFalse(stores.tokens().revoke(never.id(), ann.id(), fixtures.next()));
    }

    @Test
    void revokesEveryLiveTokenOfADeploymentAndNothingElse() {
        AccessToken revokedBefore = givenDeploymentToken(ann.id(), weather.id());
        Instant before = fixtures.next();
        stores.tokens().revoke(revokedBefore.id(), ann.id(), before);
        AccessToken live1 = givenDeploymentToken(ann.id(), weather.id());
        AccessToken live2 = givenDeploymentToken(ann.id(), weather.id());
        AccessToken otherDeployment = givenDeploymentToken(ann.id(), givenDeployment(ann.id(), "git").id());
        AccessToken personal = givenToken(ann.id());
        Instant at = fixtures.next();

        assertEquals(2, stores.tokens().revokeForDeployment(weather.id(), at));

        assertEquals(Optional.of(at), revokedAt(live1));
        assertEquals(Optional.of(at), revokedAt(live2));
        assertEquals(Optional.of(before), revokedAt(revokedBefore));
        assertEquals(Optional.empty(), revokedAt(otherDeployment));
        assertEquals(Optional.empty(), revokedAt(personal));
    }

    @Test
    void findsATokenByIdRevokedOrNot() {
        AccessToken personal = givenToken(ann.id());
        AccessToken deployment = givenDeploymentToken(ann.id(), weather.id());
        Instant at = fixtures.next();
        stores.tokens().revoke(personal.id(), ann.id(), at);

        assertEquals(Optional.of(at), stores.tokens().find(personal.id()).flatMap(AccessToken::revokedAt));
        assertEquals(Optional.of(deployment), stores.tokens().find(deployment.id()));
        assertEquals(Optional.empty(), stores.tokens().find(fixtures.token(ann.id()).id()));
    }

    @Test
    void revokesEveryLiveTokenOfAUserPersonalAndDeploymentAlikeAndNobodyElses() {
        AccessToken revokedBefore = givenToken(ann.id());
        Instant before = fixtures.next();
        stores.tokens().revoke(revokedBefore.id(), ann.id(), before);
        AccessToken personal = givenToken(ann.id());
        AccessToken deployment = givenDeploymentToken(ann.id(), weather.id());
        User bob = givenUser("bob");
        AccessToken bobs = givenToken(bob.id());
        Instant at = fixtures.next();

        assertEquals(2, stores.tokens().revokeForOwner(ann.id(), at));

        assertEquals(Optional.of(at), revokedAt(personal));
        assertEquals(Optional.of(at), revokedAt(deployment));
        assertEquals(Optional.of(before), revokedAt(revokedBefore));
        assertEquals(Optional.empty(), revokedAt(bobs));
        assertEquals(0, stores.tokens().revokeForOwner(ann.id(), fixtures.next()));
        assertEquals(0, stores.tokens().revokeForOwner(fixtures.user("ghost").id(), fixtures.next()));
    }

    @Test
    void revokesNothingForADeploymentWithoutLiveTokens() {
        givenToken(ann.id());

        assertEquals(0, stores.tokens().revokeForDeployment(weather.id(), fixtures.next()));
        assertEquals(0, stores.tokens().revokeForDeployment(fixtures.deploymentId(), fixtures.next()));
    }

    @Test
    void touchRecordsWhenATokenWasLastUsed() {
        AccessToken token = givenToken(ann.id());
        Instant first = fixtures.next();
        Instant second = fixtures.next();

        stores.tokens().touch(token.id(), first);
        assertEquals(Optional.of(first), lastUsedAt(token));
        stores.tokens().touch(token.id(), second);
        assertEquals(Optional.of(second), lastUsedAt(token));
    }

    @Test
    void touchNeverMovesTheLastUseBack() {
        AccessToken token = givenToken(ann.id());
        Instant earlier = fixtures.next();
        Instant later = fixtures.next();
        stores.tokens().touch(token.id(), later);

        stores.tokens().touch(token.id(), earlier);

        assertEquals(Optional.of(later), lastUsedAt(token));
    }

    @Test
    void touchOfAnUnknownTokenDoesNothing() {
        AccessToken token = givenToken(ann.id());

        stores.tokens().touch(fixtures.token(ann.id()).id(), fixtures.next());

        assertEquals(Optional.of(token), stores.tokens().findByHash(token.hash()));
    }

    private Optional<Instant> revokedAt(AccessToken token) {
        return stores.tokens().findByHash(token.hash()).orElseThrow().revokedAt();
    }

    private Optional<Instant> lastUsedAt(AccessToken token) {
        return stores.tokens().findByHash(token.hash()).orElseThrow().lastUsedAt();
    }
}
