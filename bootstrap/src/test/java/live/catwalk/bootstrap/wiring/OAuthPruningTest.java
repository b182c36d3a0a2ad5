package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.OAuthTokenKind;
import live.catwalk.core.oauth.port.out.OAuthStore;
import live.catwalk.core.store.InMemoryStore;
import live.catwalk.core.store.StoreFixtures;
import live.catwalk.core.store.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The authorization server's housekeeping: what one pass deletes, and that passes go on after one fails. */
class OAuthPruningTest {

    private static final String LEAK = "cwa_" + "L".repeat(40);

    private final Stores stores = new InMemoryStore().stores();
    private final StoreFixtures fixtures = new StoreFixtures();
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(OAuthPruning.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level level;

    @BeforeEach
    void listen() {
        level = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        logger.removeHandler(capture);
        logger.setLevel(level);
    }

    @Test
    void aPassDeletesCodesAndTokensADayPastTheirExpiryAndRegisteredClientsUnusedFor90DaysWithoutALiveGrant() {
        User ann = fixtures.user("ann");
        stores.users().insert(ann);
        Deployment deployment = stores.deployments().insert(fixtures.deployment(ann.id(), "everything"));
        OAuthClient used = fixtures.registeredClient();
        OAuthClient forgotten = fixtures.registeredClient();
        stores.oauth().saveClient(used);
        stores.oauth().saveClient(forgotten);
        Grant grant = fixtures.grant(ann.id(), used.id(), deployment.id());
        stores.oauth().insertGrant(grant);
        OAuthToken old = fixtures.oauthToken(grant, OAuthTokenKind.ACCESS, Duration.ofHours(1), Optional.empty());
        OAuthToken recent = fixtures.oauthToken(grant, OAuthTokenKind.REFRESH, Duration.ofDays(90).minusHours(12),
                Optional.empty());
        stores.oauth().insertToken(old);
        stores.oauth().insertToken(recent);
        // Just over 90 days after the clients were made: the old token expired long ago, the recent one 12 h ago.
        var clock = new MutableClock(forgotten.createdAt().plus(OAuthPruning.UNUSED_CLIENTS).plusSeconds(1));

        new OAuthPruning(stores.oauth(), clock).run();

        assertEquals(Optional.empty(), stores.oauth().findToken(old.hash()));
        assertTrue(stores.oauth().findToken(recent.hash()).isPresent(), "less than a day past its expiry");
        assertEquals(Optional.empty(), stores.oauth().findClient(forgotten.id()));
        assertTrue(stores.oauth().findClient(used.id()).isPresent(), "a client with a live grant stays");
        assertTrue(logged.stream().anyMatch(r -> r.getLevel() == Level.FINE
                && r.getMessage().equals("OAuth pruning deleted 1 expired codes and tokens and 1 unused registered "
                + "clients")), () -> messages());
    }

    @Test
    void aTokenLessThanADayPastItsExpiryIsKept() {
        User bob = fixtures.user("bob");
        stores.users().insert(bob);
        Deployment deployment = stores.deployments().insert(fixtures.deployment(bob.id(), "everything"));
        OAuthClient client = fixtures.registeredClient();
        stores.oauth().saveClient(client);
        Grant grant = fixtures.grant(bob.id(), client.id(), deployment.id());
        stores.oauth().insertGrant(grant);
        OAuthToken token = fixtures.accessToken(grant);
        stores.oauth().insertToken(token);
        var clock = new MutableClock(token.expiresAt().plus(OAuthPruning.KEEP_EXPIRED));

        new OAuthPruning(stores.oauth(), clock).run();
        assertTrue(stores.oauth().findToken(token.hash()).isPresent(), "exactly a day past its expiry");

        clock.advance(Duration.ofSeconds(1));
        new OAuthPruning(stores.oauth(), clock).run();
        assertEquals(Optional.empty(), stores.oauth().findToken(token.hash()));
    }

    @Test
    void aFailedPassIsAWarningWithoutItsCauseAndTheNextPassesStillRunUntilTheExecutorStops() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch threeMore = new CountDownLatch(4);
        OAuthStore flaky = failingOnce(stores.oauth(), passes, threeMore);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try {
            new OAuthPruning(flaky, new MutableClock(Instant.parse("2026-03-01T00:00:00Z")))
                    .schedule(executor, Duration.ZERO, Duration.ofMillis(5));

            assertTrue(threeMore.await(10, TimeUnit.SECONDS), "passes went on after the first failed");
        } finally {
            executor.shutdownNow();
        }
        assertTrue(executor.awaitTermination(10, TimeUnit.SECONDS));
        int ran = passes.get();
        Thread.sleep(50);
        assertEquals(ran, passes.get(), "no pass after the executor stopped");

        List<LogRecord> warnings = logged.stream().filter(r -> r.getLevel() == Level.WARNING).toList();
        assertEquals(1, warnings.size(), this::messages);
        assertEquals("OAuth pruning failed, to be tried again at the next pass: IllegalStateException: The database "
                + "failed (SQL state 08006).", warnings.getFirst().getMessage());
        assertNull(warnings.getFirst().getThrown(), "the cause, which could quote a value, is not logged");
        assertFalse(messages().contains(LEAK), this::messages);
    }

    /** {@code store}, whose first {@code pruneExpired} fails as a broken database would; counts the passes. */
    private static OAuthStore failingOnce(OAuthStore store, AtomicInteger passes, CountDownLatch counted) {
        return (OAuthStore) Proxy.newProxyInstance(OAuthStore.class.getClassLoader(), new Class<?>[] {OAuthStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("pruneExpired")) {
                        counted.countDown();
                        if (passes.getAndIncrement() == 0) {
                            throw new IllegalStateException("The database failed (SQL state 08006).",
                                    new RuntimeException("duplicate key " + LEAK));
                        }
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private String messages() {
        return String.join("\n", logged.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList());
    }
}
