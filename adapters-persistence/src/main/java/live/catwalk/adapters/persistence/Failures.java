package live.catwalk.adapters.persistence;

import java.time.Duration;
import java.util.function.Supplier;
import live.catwalk.core.shared.CatwalkException;
import org.jooq.exception.DataAccessException;

/**
 * The adapter's one translation of SQL failures: a unique key taken is CONFLICT, a missing parent row is
 * NOT_FOUND, a lost connection UPSTREAM_UNAVAILABLE ({@code database_unavailable}, 503), anything else INTERNAL.
 * A read is tried once more on a fresh connection when its connection turns out lost. Drivers put column values (a ciphertext, a token hash) into their
 * messages about bad data or broken constraints, so those causes are dropped, keeping only the SQL state.
 */
final class Failures {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private Failures() {
    }

    /** Runs {@code work}; {@code conflict} and {@code notFound} are the messages for those outcomes, or null. */
    static <T> T guard(String conflict, String notFound, Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw translate(e, conflict, notFound);
        }
    }

    /**
     * A read (it changes nothing, so it may run twice): when the connection it got turns out lost (the database
     * restarted, failed over or ended it; the pool then drops its other connections, see {@link Database}), it runs
     * once more on a fresh one.
     */
    static <T> T read(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            if (!connectionLost(e.sqlState())) {
                throw translate(e, null, null);
            }
        }
        return guard(work);
    }

    /**
     * Whether {@code sqlState} says the connection is gone rather than the statement wrong: class 08 (connection
     * exception), 57P01 to 57P03 (the server is shutting down or ended the session).
     */
    static boolean connectionLost(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03"));
    }

    static void run(String conflict, String notFound, Runnable work) {
        guard(conflict, notFound, () -> {
            work.run();
            return null;
        });
    }

    /** Work whose integrity violations would be a bug: every failure is INTERNAL. */
    static <T> T guard(Supplier<T> work) {
        return guard(null, null, work);
    }

    static CatwalkException translate(DataAccessException e, String conflict, String notFound) {
        String state = e.sqlState() == null ? "" : e.sqlState();
        // 23505 unique_violation; 23503 foreign_key_violation (PostgreSQL, and H2 for a child row left);
        // 23506 H2's parent row missing; 40001 and 40P01 a serialization failure or deadlock.
        if (conflict != null && state.equals("23505")) {
            return CatwalkException.of(CatwalkException.Kind.CONFLICT, conflict);
        }
        if (state.equals("40001") || state.equals("40P01")) {
            return CatwalkException.of(CatwalkException.Kind.CONFLICT,
                    "The database refused this change because of a concurrent one; try again.");
        }
        if (notFound != null && (state.equals("23503") || state.equals("23506"))) {
            return CatwalkException.notFound(notFound);
        }
        if (connectionLost(state)) {
            // A write is not retried here: it may have been applied before the connection broke.
            return CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                            "The connection to the database was lost (SQL state " + state + ").")
                    .withCode("database_unavailable").withRetryAfter(RETRY_AFTER)
                    .withHint("Try again shortly; if it persists, check that the database is running and reachable.")
                    .withCause(e);
        }
        CatwalkException internal = CatwalkException.of(CatwalkException.Kind.INTERNAL,
                "The database failed (SQL state " + (state.isEmpty() ? "unknown" : state) + ").");
        boolean mayHoldValues = state.startsWith("22") || state.startsWith("23");
        return mayHoldValues ? internal : internal.withCause(e);
    }
}
