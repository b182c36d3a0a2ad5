package live.catwalk.adapters.persistence;

import static live.catwalk.adapters.persistence.jooq.Tables.USERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.GitHubIdentity;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.domain.HealthStatus;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

/** What {@link Database} does on either vendor: migrating, refusing a newer schema, concurrent updates. */
abstract class DatabaseBehaviour {

    /** A URL for a new, empty database that outlives a close and a reopen. */
    protected abstract DatabaseUrl freshDatabase() throws Exception;

    /** Runs raw SQL against a database {@link #freshDatabase} gave (no Catwalk pool open on it). */
    protected abstract void execute(DatabaseUrl url, String sql) throws Exception;

    protected abstract String vendor();

    @Test
    void migratesAFreshDatabaseToTheNewestSchema() throws Exception {
        try (Database database = Database.open(freshDatabase(), 2)) {
            assertEquals(vendor(), database.vendor());
            assertEquals("5", database.schemaVersion());
            assertEquals("database", database.healthProbe().name());
            assertEquals(new ComponentHealth(HealthStatus.OK, vendor() + ", schema version 5"),
                    database.healthProbe().probe());
        }
    }

    @Test
    void reportsHowItsPoolIsUsedAndNothingOnceClosed() throws Exception {
        Database database = Database.open(freshDatabase(), 2);
        Database.PoolUse held = database.dsl().connectionResult(c -> database.poolUse());
        Database.PoolUse after = database.poolUse();
        database.close();

        int max = vendor().equals("h2") ? 1 : 2; // the embedded database always has one connection
        assertEquals(1, held.active(), "the connection held counts as in use");
        assertEquals(max, held.max());
        assertEquals(0, after.active());
        assertEquals(0, after.waiting());
        assertEquals(new Database.PoolUse(0, 0, 0, 0), database.poolUse());
    }

    @Test
    void reopensAMigratedDatabaseWithItsData() throws Exception {
        DatabaseUrl url = freshDatabase();
        User alice = Rows.user("alice");
        try (Database database = Database.open(url, 2)) {
            database.users().insert(alice);
        }
        try (Database database = Database.open(url, 2)) {
            assertEquals("5", database.schemaVersion());
            assertEquals(Optional.of(alice), database.users().findByName("alice"));
        }
    }

    @Test
    void refusesADatabaseThatANewerCatwalkMigrated() throws Exception {
        DatabaseUrl url = freshDatabase();
        Database.open(url, 1).close();
        execute(url, "insert into flyway_schema_history (installed_rank, version, description, type, script, "
                + "checksum, installed_by, execution_time, success) "
                + "values (6, '6', 'from the future', 'SQL', 'V6__from_the_future.sql', 0, 'catwalk', 0, true)");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Database.open(url, 1));

        assertTrue(e.getMessage().contains("was migrated by a newer Catwalk (schema version 6; this Catwalk "
                + "knows up to 5). Upgrade Catwalk, or point DATABASE_URL at another database."), e.getMessage());
        url.password().ifPresent(p -> assertFalse(e.getMessage().contains(p)));
    }

    @Test
    void reportsATakenTokenHashWithoutQuotingIt() throws Exception {
        try (Database database = Database.open(freshDatabase(), 2)) {
            User owner = Rows.user("owner");
            database.users().insert(owner);
            AccessToken first = Rows.token(owner.id(), "secret-1");
            database.tokens().insert(first);
            AccessToken sameHash = Rows.token(owner.id(), "secret-1");

            CatwalkException e = assertThrows(CatwalkException.class, () -> database.tokens().insert(sameHash));

            assertEquals(CatwalkException.Kind.CONFLICT, e.kind());
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertFalse(String.valueOf(t.getMessage()).contains(first.hash().hex()), t::toString);
            }
        }
    }

    @Test
    void takesAUsersGitHubLinkWithTheUser() throws Exception {
        try (Database database = Database.open(freshDatabase(), 2)) {
            User ann = Rows.user("ann");
            User bob = Rows.user("bob");
            database.users().insert(ann);
            database.users().insert(bob);
            database.githubIdentities().link(ann.id(), new GitHubIdentity(1, "ann"), Rows.T0);
            database.githubIdentities().link(bob.id(), new GitHubIdentity(2, "bob"), Rows.T0);

            database.dsl().deleteFrom(USERS).where(USERS.ID.eq(ann.id().value())).execute();

            assertEquals(Optional.empty(), database.githubIdentities().userOf(1));
            assertEquals(Optional.of(bob.id()), database.githubIdentities().userOf(2));
            assertFalse(database.githubIdentities().signedIn(new GitHubIdentity(1, "ann"), Rows.T0));
        }
    }

    @Test
    void refusesTheSecondOfTwoUpdatesFromTheSameVersion() throws Exception {
        try (Database database = Database.open(freshDatabase(), 4)) {
            DeploymentRepository deployments = database.deployments();
            User owner = Rows.user("owner");
            database.users().insert(owner);
            Deployment read = deployments.insert(Rows.npmDeployment(owner.id(), "race"));
            CyclicBarrier bothRead = new CyclicBarrier(2);
            Callable<Deployment> writer = () -> {
                bothRead.await(10, TimeUnit.SECONDS);
                return deployments.update(read.withRuntimeHandle(Optional.of(Thread.currentThread().getName()),
                        Rows.T0.plusSeconds(1)));
            };

            List<Object> outcomes = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                List<Future<Deployment>> futures = List.of(pool.submit(writer), pool.submit(writer));
                for (Future<Deployment> f : futures) {
                    try {
                        outcomes.add(f.get(30, TimeUnit.SECONDS));
                    } catch (java.util.concurrent.ExecutionException e) {
                        outcomes.add(e.getCause());
                    }
                }
            }

            List<Deployment> won = outcomes.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                    .toList();
            List<CatwalkException> lost = outcomes.stream().filter(CatwalkException.class::isInstance)
                    .map(CatwalkException.class::cast).toList();
            assertEquals(1, won.size(), outcomes::toString);
            assertEquals(1, lost.size(), outcomes::toString);
            assertEquals(CatwalkException.Kind.CONFLICT, lost.getFirst().kind());
            assertEquals(1, won.getFirst().version());
            assertEquals(Optional.of(won.getFirst()), deployments.find(read.id()));
        }
    }

    @Test
    void losesNoUpdateWhenWritersRetryOnConflict() throws Exception {
        int writers = 4;
        int updatesEach = 20;
        try (Database database = Database.open(freshDatabase(), writers)) {
            DeploymentRepository deployments = database.deployments();
            User owner = Rows.user("owner");
            database.users().insert(owner);
            Deployment created = deployments.insert(Rows.npmDeployment(owner.id(), "counter"));
            Callable<Integer> writer = () -> {
                int conflicts = 0;
                for (int i = 0; i < updatesEach; i++) {
                    while (true) {
                        Deployment current = deployments.find(created.id()).orElseThrow();
                        int count = Integer.parseInt(current.runtimeHandle().orElse("0"));
                        try {
                            deployments.update(current.withRuntimeHandle(Optional.of(Integer.toString(count + 1)),
                                    current.updatedAt()));
                            break;
                        } catch (CatwalkException e) {
                            assertEquals(CatwalkException.Kind.CONFLICT, e.kind(), e::getMessage);
                            conflicts++;
                        }
                    }
                }
                return conflicts;
            };

            try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
                List<Future<Integer>> futures = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    futures.add(pool.submit(writer));
                }
                for (Future<Integer> f : futures) {
                    f.get(60, TimeUnit.SECONDS);
                }
            }

            Deployment last = deployments.find(created.id()).orElseThrow();
            assertEquals(Optional.of(Integer.toString(writers * updatesEach)), last.runtimeHandle());
            assertEquals(writers * updatesEach, last.version());
        }
    }
}
