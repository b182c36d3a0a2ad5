package live.catwalk.adapters.persistence;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import live.catwalk.adapters.persistence.jooq.DefaultSchema;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/** {@link TestDatabases#truncate} empties every table of the schema, so no test sees an earlier test's rows. */
class TestDatabasesTest {

    @Test
    void truncatesEveryTableOfTheSchemaOnce() {
        Set<String> schema = DefaultSchema.DEFAULT_SCHEMA.getTables().stream().map(Table::getName).collect(toSet());

        assertEquals(schema, Set.copyOf(TestDatabases.TABLES));
        assertEquals(schema.size(), TestDatabases.TABLES.size());
    }
}
