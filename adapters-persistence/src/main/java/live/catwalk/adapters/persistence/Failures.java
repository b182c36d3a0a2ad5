package live.catwalk.adapters.persistence;

import java.util.function.Supplier;
import live.catwalk.core.shared.CatwalkException;
import org.jooq.exception.DataAccessException;

/**
 * The adapter's one translation of SQL failures: a unique key taken is CONFLICT, a missing parent row is
 * NOT_FOUND, anything else INTERNAL. Drivers put column values (a ciphertext, a token hash) into their
 * messages about bad data or broken constraints, so those causes are dropped, keeping only the SQL state.
 */
final class Failures {

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
        CatwalkException internal = CatwalkException.of(CatwalkException.Kind.INTERNAL,
                "The database failed (SQL state " + (state.isEmpty() ? "unknown" : state) + ").");
        boolean mayHoldValues = state.startsWith("22") || state.startsWith("23");
        return mayHoldValues ? internal : internal.withCause(e);
    }
}
