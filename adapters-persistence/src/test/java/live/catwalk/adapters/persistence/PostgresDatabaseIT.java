package live.catwalk.adapters.persistence;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresDatabaseIT extends DatabaseBehaviour {

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
    protected void execute(DatabaseUrl url, String sql) throws Exception {
        SCHEMAS.stream().filter(s -> s.url().equals(url)).findFirst().orElseThrow().execute(sql);
    }

    @Override
    protected String vendor() {
        return "postgresql";
    }
}
