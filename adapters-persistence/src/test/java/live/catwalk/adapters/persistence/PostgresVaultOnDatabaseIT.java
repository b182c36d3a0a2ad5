package live.catwalk.adapters.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresVaultOnDatabaseIT extends VaultOnDatabaseBehaviour {

    private static final List<TestDatabases.PostgresSchema> SCHEMAS = new ArrayList<>();

    @BeforeAll
    static void needsPostgres() {
        TestDatabases.requirePostgres();
    }

    @AfterAll
    static void dropSchemas() throws Exception {
        for (TestDatabases.PostgresSchema schema : SCHEMAS) {
            schema.close();
        }
    }

    @Override
    protected DatabaseUrl freshDatabase() {
        TestDatabases.PostgresSchema schema = TestDatabases.postgresSchema();
        SCHEMAS.add(schema);
        return schema.url();
    }

    @Override
    protected Connection raw(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user().orElse("postgres"), url.password().orElse(""));
    }
}
