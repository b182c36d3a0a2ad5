package live.catwalk.adapters.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contracts on an in-memory H2 in PostgreSQL mode. */
class H2StoreContractIT extends StoreContracts {

    private static Database database;

    @BeforeAll
    static void open() {
        database = Database.open(TestDatabases.h2Memory(), 4);
    }

    @AfterAll
    static void close() {
        if (database != null) {
            database.close();
        }
    }

    @Override
    protected Database database() {
        return database;
    }
}
