package live.catwalk.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL ends every connection of the pool right after they were used (a restart or failover of the database):
 * HikariCP hands out a connection used within the last half second without checking it, so the next statements meet
 * dead connections. Reads must still succeed; a write must fail as "unavailable, try again" (503), never as a bug.
 */
class PostgresConnectionLossIT {

    private static final int POOL = 4;

    @RegisterExtension
    static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    @Test
    void readsRightAfterTheDatabaseEndedThePoolsConnectionsSucceed() throws Exception {
        try (Database database = Database.open(SCHEMAS.fresh(), POOL);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            User ada = Rows.user("ada");
            database.users().insert(ada);
            for (int round = 0; round < 3; round++) {
                terminate(backends(database, threads));
                List<Future<Optional<User>>> reads = new ArrayList<>();
                for (int i = 0; i < POOL; i++) {
                    reads.add(threads.submit(() -> database.users().find(ada.id())));
                }
                for (Future<Optional<User>> read : reads) {
                    assertEquals(Optional.of(ada), read.get(30, TimeUnit.SECONDS), "round " + round);
                }
            }
        }
    }

    @Test
    void aWriteOnALostConnectionIsUnavailableWithARetryAfterAndTheNextOneWorks() throws Exception {
        try (Database database = Database.open(SCHEMAS.fresh(), POOL);
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            terminate(backends(database, threads));
            User bob = Rows.user("bob");
            try {
                database.users().insert(bob); // a fresh connection if the pool checked the one it took; else lost
            } catch (CatwalkException e) {
                assertEquals(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, e.kind(), e::toString);
                assertEquals("database_unavailable", e.code());
                assertEquals(Optional.of(Duration.ofSeconds(1)), e.retryAfter());
                database.users().insert(bob); // the pool replaced its connections
            }
            assertEquals(Optional.of(bob), database.users().find(bob.id()));
            assertTrue(database.users().find(new UserId(UUID.randomUUID())).isEmpty());
        }
    }

    /** The server process ids of all the pool's connections, each used just now (held at once, so all distinct). */
    private static Set<Integer> backends(Database database, ExecutorService threads) throws Exception {
        Set<Integer> pids = ConcurrentHashMap.newKeySet();
        CountDownLatch all = new CountDownLatch(POOL);
        List<Future<?>> held = new ArrayList<>();
        for (int i = 0; i < POOL; i++) {
            held.add(threads.submit(() -> database.dsl().connection(c -> {
                try (PreparedStatement s = c.prepareStatement("select pg_backend_pid()");
                     ResultSet r = s.executeQuery()) {
                    r.next();
                    pids.add(r.getInt(1));
                }
                all.countDown();
                all.await(10, TimeUnit.SECONDS);
            })));
        }
        for (Future<?> f : held) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertEquals(POOL, pids.size(), "the pool's connections: " + pids);
        return pids;
    }

    /** Ends those server processes, and waits until PostgreSQL no longer lists them. */
    private static void terminate(Set<Integer> pids) throws Exception {
        try (Connection admin = DriverManager.getConnection(TestDatabases.POSTGRES, "postgres", "")) {
            for (int pid : pids) {
                try (PreparedStatement s = admin.prepareStatement("select pg_terminate_backend(?)")) {
                    s.setInt(1, pid);
                    s.execute();
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                try (PreparedStatement s = admin.prepareStatement(
                        "select count(*) from pg_stat_activity where pid = any(?)")) {
                    s.setArray(1, admin.createArrayOf("integer", pids.toArray()));
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        if (r.getInt(1) == 0) {
                            return;
                        }
                    }
                }
                Thread.sleep(20);
            }
            fail("PostgreSQL still lists the terminated connections " + pids);
        }
    }
}
