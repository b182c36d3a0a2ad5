package live.catwalk.adapters.persistence;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For a test class's {@code @RegisterExtension static} field: requires the local PostgreSQL before the
 * class (skip or, under CI, fail) and drops every schema it handed out after it.
 */
final class PostgresSchemas implements BeforeAllCallback, AfterAllCallback {

    private final List<TestDatabases.PostgresSchema> made = new ArrayList<>();

    /** A new, empty schema's URL (Flyway creates the schema on first open). */
    synchronized DatabaseUrl fresh() {
        TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();
        made.add(schema);
        return schema.url();
    }

    /** Runs raw SQL in the schema behind {@code url}, one this extension handed out. */
    synchronized void execute(DatabaseUrl url, String sql) throws SQLException {
        made.stream().filter(s -> s.url().equals(url)).findFirst().orElseThrow().execute(sql);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabases.requirePostgres();
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws SQLException {
        for (TestDatabases.PostgresSchema schema : made) {
            schema.close();
        }
        made.clear();
    }
}
