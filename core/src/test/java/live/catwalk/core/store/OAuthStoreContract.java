package live.catwalk.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.oauth.domain.AuthorizationCode;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.GrantId;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.Redemption;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@code OAuthStore} does with clients and grants, and what deleting a deployment does to them. */
public abstract class OAuthStoreContract extends StoreContract {

    private User ann;
    private Deployment weather;
    private OAuthClient claude;

    @BeforeEach
    protected final void givenAUserWithADeploymentAndAClient() {
        ann = givenUser("ann");
        weather = givenDeployment(ann.id(), "weather");
        claude = givenClient();
    }

    @Test
    void findsAPublicClientWithEveryOptionalAbsent() {
        assertEquals(Optional.of(claude), stores.oauth().findClient(claude.id()));
    }

    @Test
    void findsAConfidentialClientWithItsSecretHashAndRedirectUrisInOrder() {
        OAuthClient confidential = fixtures.confidentialClient();

        stores.oauth().saveClient(confidential);

        assertEquals(Optional.of(confidential), stores.oauth().findClient(confidential.id()));
    }

    @Test
    void findsNothingForAnUnknownClient() {
        assertEquals(Optional.empty(), stores.oauth().findClient(fixtures.registeredClient().id()));
    }

    @Test
    void savingAClientAgainReplacesTheStoredCopyAndKeepsItsGrants() {
        OAuthClient fetched = fixtures.documentClient();
        stores.oauth().saveClient(fetched);
        Grant grant = givenGrant(ann.id(), fetched, weather.id());
        OAuthClient refetched = new OAuthClient(fetched.id(), "Claude (new)",
                List.of(URI.create("https://claude.ai/cb2"), URI.create("https://claude.com/cb")),
                fetched.authMethod(), fetched.secretHash(), fetched.kind(), fixtures.next(),
                Optional.of(fixtures.next()));

        stores.oauth().saveClient(refetched);

        assertEquals(Optional.of(refetched), stores.oauth().findClient(fetched.id()));
        assertEquals(Optional.of(grant), stores.oauth().findGrant(grant.id()));
    }

    @Test
    void touchClientMovesTheLastUseOnlyForwardAndIgnoresUnknownClients() {
        Instant earlier = fixtures.next();
        Instant later = fixtures.next();

        stores.oauth().touchClient(claude.id(), later);
        stores.oauth().touchClient(claude.id(), earlier);
        stores.oauth().touchClient(fixtures.registeredClient().id(), later);

        assertEquals(Optional.of(later), stores.oauth().findClient(claude.id()).orElseThrow().lastUsedAt());
    }

    @Test
    void prunesOnlyRegisteredClientsUnusedSinceTheCutoffThatHaveNoLiveGrant() {
        OAuthClient withLiveGrant = givenClient();
        givenGrant(ann.id(), withLiveGrant, weather.id());
        OAuthClient withRevokedGrant = givenClient();
        Grant revoked = givenGrant(ann.id(), withRevokedGrant, weather.id());
        stores.oauth().revokeGrant(revoked.id(), fixtures.next());
        OAuthClient document = fixtures.documentClient();
        stores.oauth().saveClient(document);
        OAuthClient usedLate = givenClient();
        Instant cutoff = fixtures.next();
        stores.oauth().touchClient(usedLate.id(), cutoff);
        OAuthClient createdLate = givenClient();

        assertEquals(2, stores.oauth().pruneClients(cutoff));

        assertEquals(Optional.empty(), stores.oauth().findClient(claude.id()));
        assertEquals(Optional.empty(), stores.oauth().findClient(withRevokedGrant.id()));
        assertEquals(Optional.empty(), stores.oauth().findGrant(revoked.id()));
        for (OAuthClient kept : List.of(withLiveGrant, document, usedLate, createdLate)) {
            assertTrue(stores.oauth().findClient(kept.id()).isPresent(), kept.name());
        }
        assertEquals(0, stores.oauth().pruneClients(cutoff));
    }

    @Test
    void findsAGrantWithEveryOptionalPresent() {
        Grant given = fixtures.grant(ann.id(), claude.id(), weather.id());
        Grant full = new Grant(given.id(), ann.id(), claude.id(), weather.id(), Set.of("mcp", "offline_access"),
                given.createdAt(), Optional.of(fixtures.next()), Optional.of(fixtures.next()));

        stores.oauth().insertGrant(full);

        assertEquals(Optional.of(full), stores.oauth().findGrant(full.id()));
        assertEquals(Optional.empty(), stores.oauth().findGrant(fixtures.grant(ann.id(), claude.id(),
                weather.id()).id()));
    }

    @Test
    void refusesAGrantOfAnUnknownUserClientOrDeploymentAsNotFound() {
        Grant ghostUser = fixtures.grant(fixtures.user("ghost").id(), claude.id(), weather.id());
        Grant ghostClient = fixtures.grant(ann.id(), fixtures.registeredClient().id(), weather.id());
        Grant ghostDeployment = fixtures.grant(ann.id(), claude.id(), fixtures.deploymentId());

        for (Grant orphan : List.of(ghostUser, ghostClient, ghostDeployment)) {
            assertFailsWith(Kind.NOT_FOUND, () -> stores.oauth().insertGrant(orphan));
            assertEquals(Optional.empty(), stores.oauth().findGrant(orphan.id()));
        }
    }

    @Test
    void refusesATakenGrantIdAsConflict() {
        Grant first = givenGrant(ann.id(), claude, weather.id());
        Grant other = fixtures.grant(ann.id(), givenClient().id(), weather.id());
        Grant sameId = new Grant(first.id(), other.user(), other.client(), other.deployment(), other.scopes(),
                other.createdAt(), Optional.empty(), Optional.empty());

        assertFailsWith(Kind.CONFLICT, () -> stores.oauth().insertGrant(sameId));

        assertEquals(Optional.of(first), stores.oauth().findGrant(first.id()));
    }

    @Test
    void keepsOneLiveGrantPerUserClientAndDeployment() {
        Grant first = givenGrant(ann.id(), claude, weather.id());

        assertFailsWith(Kind.CONFLICT, () -> stores.oauth().insertGrant(
                fixtures.grant(ann.id(), claude.id(), weather.id())));
        Grant otherDeployment = givenGrant(ann.id(), claude, givenDeployment(ann.id(), "git").id());
        stores.oauth().revokeGrant(first.id(), fixtures.next());
        Grant again = givenGrant(ann.id(), claude, weather.id());

        assertEquals(Optional.of(again), stores.oauth().liveGrant(ann.id(), claude.id(), weather.id()));
        assertEquals(Optional.of(otherDeployment),
                stores.oauth().liveGrant(ann.id(), claude.id(), otherDeployment.deployment()));
    }

    @Test
    void findsNoLiveGrantWhenItWasRevokedOrNeverGiven() {
        Grant grant = givenGrant(ann.id(), claude, weather.id());
        stores.oauth().revokeGrant(grant.id(), fixtures.next());

        assertEquals(Optional.empty(), stores.oauth().liveGrant(ann.id(), claude.id(), weather.id()));
        assertEquals(Optional.empty(), stores.oauth().liveGrant(givenUser("bob").id(), claude.id(), weather.id()));
    }

    @Test
    void listsADeploymentsLiveGrantsNewestFirst() {
        Grant oldest = givenGrant(ann.id(), claude, weather.id());
        Grant revoked = givenGrant(ann.id(), givenClient(), weather.id());
        stores.oauth().revokeGrant(revoked.id(), fixtures.next());
        Grant newest = givenGrant(ann.id(), givenClient(), weather.id());
        givenGrant(ann.id(), claude, givenDeployment(ann.id(), "git").id());

        assertEquals(List.of(newest, oldest), stores.oauth().grantsOf(weather.id()));
        assertEquals(List.of(), stores.oauth().grantsOf(fixtures.deploymentId()));
    }

    @Test
    void revokingAGrantRevokesEveryLiveTokenOfItAndNoOtherGrantsTokens() {
        Grant grant = givenGrant(ann.id(), claude, weather.id());
        OAuthToken access = givenToken(fixtures.accessToken(grant));
        OAuthToken refresh = givenToken(fixtures.refreshToken(grant, Duration.ofDays(30), Optional.empty()));
        OAuthToken revokedBefore = givenToken(fixtures.accessToken(grant));
        Instant before = fixtures.next();
        stores.oauth().revokeToken(revokedBefore.hash(), before);
        Grant other = givenGrant(ann.id(), givenClient(), weather.id());
        OAuthToken othersToken = givenToken(fixtures.accessToken(other));
        Instant at = fixtures.next();

        assertTrue(stores.oauth().revokeGrant(grant.id(), at));

        assertEquals(Optional.of(at), stores.oauth().findGrant(grant.id()).orElseThrow().revokedAt());
        assertEquals(Optional.of(at), revokedAt(access));
        assertEquals(Optional.of(at), revokedAt(refresh));
        assertEquals(Optional.of(before), revokedAt(revokedBefore));
        assertEquals(Optional.empty(), revokedAt(othersToken));
        assertEquals(List.of(other), stores.oauth().grantsOf(weather.id()));
    }

    @Test
    void revokesAGrantOnlyOnceKeepingTheFirstTime() {
        Grant grant = givenGrant(ann.id(), claude, weather.id());
        Instant first = fixtures.next();
        stores.oauth().revokeGrant(grant.id(), first);

        assertFalse(stores.oauth().revokeGrant(grant.id(), fixtures.next()));
        GrantId unknown = fixtures.grant(ann.id(), claude.id(), weather.id()).id();
        assertFalse(stores.oauth().revokeGrant(unknown, fixtures.next()));

        assertEquals(Optional.of(first), stores.oauth().findGrant(grant.id()).orElseThrow().revokedAt());
    }

    @Test
    void aRevokedGrantsCodesAreUnknownAndItTakesNoNewCodesOrTokens() {
        Grant grant = givenGrant(ann.id(), claude, weather.id());
        AuthorizationCode code = fixtures.code(grant, fixtures.next().plusSeconds(600));
        stores.oauth().insertCode(code);
        stores.oauth().revokeGrant(grant.id(), fixtures.next());

        assertEquals(new Redemption.Unknown(), stores.oauth().redeemCode(code.hash(), fixtures.next()));
        assertFailsWith(Kind.CONFLICT, () -> stores.oauth().insertCode(fixtures.code(grant, fixtures.next())));
        OAuthToken late = fixtures.accessToken(grant);
        assertFailsWith(Kind.CONFLICT, () -> stores.oauth().insertToken(late));
        assertEquals(Optional.empty(), stores.oauth().findToken(late.hash()));
    }

    @Test
    void revokesEveryLiveGrantOfAUserWithTheirTokensAndNobodyElses() {
        Grant first = givenGrant(ann.id(), claude, weather.id());
        OAuthToken token = givenToken(fixtures.accessToken(first));
        Grant second = givenGrant(ann.id(), givenClient(), weather.id());
        Grant revokedBefore = givenGrant(ann.id(), givenClient(), weather.id());
        Instant before = fixtures.next();
        stores.oauth().revokeGrant(revokedBefore.id(), before);
        User bob = givenUser("bob");
        Grant bobs = givenGrant(bob.id(), claude, givenDeployment(bob.id(), "bobs").id());
        Instant at = fixtures.next();

        assertEquals(2, stores.oauth().revokeGrantsOfUser(ann.id(), at));

        assertEquals(Optional.of(at), stores.oauth().findGrant(first.id()).orElseThrow().revokedAt());
        assertEquals(Optional.of(at), stores.oauth().findGrant(second.id()).orElseThrow().revokedAt());
        assertEquals(Optional.of(before), stores.oauth().findGrant(revokedBefore.id()).orElseThrow().revokedAt());
        assertEquals(Optional.of(at), revokedAt(token));
        assertTrue(stores.oauth().findGrant(bobs.id()).orElseThrow().isLive());
        assertEquals(0, stores.oauth().revokeGrantsOfUser(ann.id(), fixtures.next()));
        assertEquals(0, stores.oauth().revokeGrantsOfUser(fixtures.user("ghost").id(), fixtures.next()));
    }

    @Test
    void touchGrantMovesTheLastUseOnlyForwardAndIgnoresUnknownGrants() {
        Grant grant = givenGrant(ann.id(), claude, weather.id());
        Instant earlier = fixtures.next();
        Instant later = fixtures.next();

        stores.oauth().touchGrant(grant.id(), later);
        stores.oauth().touchGrant(grant.id(), earlier);
        stores.oauth().touchGrant(fixtures.grant(ann.id(), claude.id(), weather.id()).id(), later);

        assertEquals(Optional.of(grant.usedAt(later)), stores.oauth().findGrant(grant.id()));
    }

    @Test
    void deletingADeploymentRemovesItsGrantsCodesAndTokensAndNoOthers() {
        Grant grant = givenGrant(ann.id(), claude, weather.id());
        AuthorizationCode code = fixtures.code(grant, fixtures.next().plusSeconds(600));
        stores.oauth().insertCode(code);
        OAuthToken token = givenToken(fixtures.accessToken(grant));
        Grant elsewhere = givenGrant(ann.id(), claude, givenDeployment(ann.id(), "git").id());
        OAuthToken kept = givenToken(fixtures.accessToken(elsewhere));

        assertTrue(stores.deployments().delete(weather.id()));

        assertEquals(Optional.empty(), stores.oauth().findGrant(grant.id()));
        assertEquals(new Redemption.Unknown(), stores.oauth().redeemCode(code.hash(), fixtures.next()));
        assertEquals(Optional.empty(), stores.oauth().findToken(token.hash()));
        assertEquals(Optional.of(elsewhere), stores.oauth().findGrant(elsewhere.id()));
        assertEquals(Optional.of(kept), stores.oauth().findToken(kept.hash()));
        assertEquals(Optional.of(claude), stores.oauth().findClient(claude.id()));
    }

    private OAuthToken givenToken(OAuthToken token) {
        stores.oauth().insertToken(token);
        return token;
    }

    private Optional<Instant> revokedAt(OAuthToken token) {
        return stores.oauth().findToken(token.hash()).orElseThrow().revokedAt();
    }
}
