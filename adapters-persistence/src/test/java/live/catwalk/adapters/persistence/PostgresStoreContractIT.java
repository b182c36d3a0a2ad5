package live.catwalk.adapters.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contracts on the local PostgreSQL, in a schema made for this run and dropped after it. */
class PostgresStoreContractIT extends StoreContracts {

    private static TestDatabases.PostgresSchema schema;
    private static Database database;

    @BeforeAll
    static void open() {
        schema = TestDatabases.postgresSchema();
        database = Database.open(schema.url(), 4);
    }

    @AfterAll
    static void close() throws Exception {
        if (database != null) {
            database.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Override
    protected Database database() {
        return database;
    }
}
