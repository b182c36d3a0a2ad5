package live.catwalk.bootstrap.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The machine's PostgreSQL (127.0.0.1:5432, user postgres, database test): a fresh schema per use. Without
 * it a test is skipped with a loud message, except under {@code CI=true}, where that is a failure.
 */
public final class LocalPostgres {

    public static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/test";

    private LocalPostgres() {
    }

    /** Creates an empty schema and returns its name; skips (or fails under CI) without PostgreSQL. */
    public static String freshSchema() {
        String schema = "catwalk_it_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try (Connection c = DriverManager.getConnection(JDBC, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
            return schema;
        } catch (SQLException e) {
            String message = "PostgreSQL at 127.0.0.1:5432 (user postgres, database test) is not reachable ("
                    + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(message + "; under CI=true the PostgreSQL tests must run", e);
            }
            System.err.println("\n*** SKIPPING POSTGRESQL TESTS: " + message + " ***\n");
            assumeTrue(false, message);
            return null;
        }
    }

    /** Drops a schema made by {@link #freshSchema()} with everything in it. */
    public static void drop(String schema) throws SQLException {
        try (Connection c = DriverManager.getConnection(JDBC, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        }
    }
}
