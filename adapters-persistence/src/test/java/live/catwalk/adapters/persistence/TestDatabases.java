package live.catwalk.adapters.persistence;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases for the integration tests: a fresh in-memory H2, or a fresh schema in the PostgreSQL at
 * 127.0.0.1:5432 (user postgres, database test). Without that PostgreSQL the PostgreSQL tests are skipped
 * with a loud note locally, and fail when {@code CI=true}.
 */
final class TestDatabases {

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final String USER = "postgres";
    /** Children before parents, so deleting in this order never breaks a foreign key. */
    static final List<String> TABLES = List.of("oauth_tokens", "oauth_codes",
            "oauth_grants", "oauth_clients", "deployment_events", "credentials", "access_tokens",
            "deployments", "user_settings", "github_identities", "users", "analysis_cache", "audit_log");

    private TestDatabases() {
    }

    /** A URL for a new, empty in-memory H2 database (gone when its last connection closes). */
    static DatabaseUrl h2Memory() {
        return new DatabaseUrl("jdbc:h2:mem:catwalk_" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", Optional.empty(),
                Optional.empty());
    }

    /** A schema of its own in the local PostgreSQL; call from {@code @BeforeAll}, close in {@code @AfterAll}. */
    static PostgresSchema postgresSchema() {
        requirePostgres();
        return new PostgresSchema("catwalk_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }

    /** Empties every table (the schema and Flyway's history stay). */
    static void truncate(Database database) {
        database.dsl().transaction(tx -> TABLES.forEach(t -> tx.dsl().deleteFrom(DSL.table(DSL.name(t))).execute()));
    }

    static void requirePostgres() {
        try (Connection c = DriverManager.getConnection(POSTGRES, USER, "")) {
            c.isValid(2);
        } catch (SQLException e) {
            String why = "PostgreSQL at 127.0.0.1:5432 (user postgres, database test) is not reachable: "
                    + String.valueOf(e.getMessage()).replaceAll("\\.$", "");
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + ". CI=true, so the PostgreSQL tests must run: start PostgreSQL first.");
            }
            System.err.println("""

                    ************************************************************************
                    *  SKIPPING the PostgreSQL integration tests: %s
                    *  (They fail instead when CI=true.)
                    ************************************************************************
                    """.formatted(why));
            Assumptions.abort(why);
        }
    }

    /** A uniquely named schema, created by Flyway on first open and dropped on close. */
    record PostgresSchema(String name) implements AutoCloseable {

        PostgresSchema {
            if (!name.toLowerCase(Locale.ROOT).equals(name) || !name.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("a plain lower-case schema name");
            }
        }

        DatabaseUrl url() {
            return DatabaseUrl.parse("postgres://" + USER + "@127.0.0.1:5432/test?currentSchema=" + name);
        }

        /** Runs raw SQL in this schema, for tests that tamper with what Catwalk wrote. */
        void execute(String sql) throws SQLException {
            try (Connection c = DriverManager.getConnection(POSTGRES + "?currentSchema=" + name, USER, "");
                 Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(POSTGRES, USER, "");
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            }
        }
    }
}
