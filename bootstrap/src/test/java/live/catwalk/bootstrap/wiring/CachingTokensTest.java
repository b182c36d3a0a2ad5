package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.store.InMemoryStore;
import live.catwalk.core.store.StoreFixtures;
import live.catwalk.core.store.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deployment tokens served from memory, and never a moment longer than a change made here allows. */
class CachingTokensTest {

    private final Stores stores = new InMemoryStore().stores();
    private final StoreFixtures fixtures = new StoreFixtures();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final AtomicInteger lookups = new AtomicInteger();
    private CachingTokens tokens;
    private DeletionAwareDeployments deployments;
    private Deployment deployment;
    private AccessToken token;
    private User owner;

    @BeforeEach
    void givenADeploymentToken() {
        tokens = new CachingTokens(counting(stores.tokens()), clock);
        deployments = new DeletionAwareDeployments(stores.deployments(), tokens);
        owner = fixtures.user("ada");
        stores.users().insert(owner);
        deployment = deployments.insert(fixtures.deployment(owner.id(), "everything"));
        token = fixtures.deploymentToken(owner.id(), deployment.id());
        tokens.insert(token);
    }

    @Test
    void aLiveDeploymentTokenIsLookedUpInTheDatabaseOnceThenServedFromMemory() {
        for (int i = 0; i < 5; i++) {
            assertEquals(Optional.of(token.id()), tokens.findByHash(token.hash()).map(AccessToken::id));
        }
        assertEquals(1, lookups.get());
    }

    @Test
    void aRevokedTokenIsSeenAsRevokedAtOnce() {
        tokens.findByHash(token.hash());

        tokens.revokeForDeployment(deployment.id(), clock.instant());

        assertTrue(tokens.findByHash(token.hash()).orElseThrow().isRevoked());
    }

    @Test
    void aDeletedDeploymentsTokenIsGoneAtOnce() {
        tokens.findByHash(token.hash());

        deployments.delete(deployment.id());

        assertEquals(Optional.empty(), tokens.findByHash(token.hash()));
    }

    @Test
    void anEntryExpiresSoAChangeByAnotherInstanceIsSeenWithinTheTtl() {
        tokens.findByHash(token.hash());
        stores.tokens().revokeForDeployment(deployment.id(), clock.instant());  // behind the cache's back

        assertTrue(tokens.findByHash(token.hash()).orElseThrow().deployment().isPresent());
        clock.advance(CachingTokens.TTL.plus(Duration.ofMillis(1)));
        assertTrue(tokens.findByHash(token.hash()).orElseThrow().isRevoked());
    }

    @Test
    void personalTokensAndUnknownHashesAreNotCached() {
        AccessToken personal = fixtures.token(owner.id());
        tokens.insert(personal);
        TokenHash unknown = TokenHash.of("cwd_unknown");

        tokens.findByHash(personal.hash());
        tokens.findByHash(personal.hash());
        tokens.findByHash(unknown);
        tokens.findByHash(unknown);

        assertEquals(4, lookups.get());
    }

    private TokenRepository counting(TokenRepository inner) {
        return new TokenRepository() {
            @Override
            public void insert(AccessToken t) {
                inner.insert(t);
            }

            @Override
            public Optional<AccessToken> findByHash(TokenHash hash) {
                lookups.incrementAndGet();
                return inner.findByHash(hash);
            }

            @Override
            public List<AccessToken> listByOwner(UserId o) {
                return inner.listByOwner(o);
            }

            @Override
            public boolean revoke(TokenId id, UserId o,
                                  Instant at) {
                return inner.revoke(id, o, at);
            }

            @Override
            public int revokeForDeployment(DeploymentId d, Instant at) {
                return inner.revokeForDeployment(d, at);
            }

            @Override
            public Optional<AccessToken> find(TokenId id) {
                return inner.find(id);
            }

            @Override
            public int revokeForOwner(UserId o, Instant at) {
                return inner.revokeForOwner(o, at);
            }

            @Override
            public void touch(TokenId id, Instant at) {
                inner.touch(id, at);
            }
        };
    }
}
