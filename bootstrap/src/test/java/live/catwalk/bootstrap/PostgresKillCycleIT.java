package live.catwalk.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import live.catwalk.adapters.persistence.vault.TinkVault;
import live.catwalk.bootstrap.testing.LocalPostgres;
import org.junit.jupiter.api.AfterAll;

/** The kill cycle on the local PostgreSQL (a fresh schema per test) with a keyset file. */
class PostgresKillCycleIT extends KillCycle {

    private static final List<String> SCHEMAS = new ArrayList<>();

    @AfterAll
    static void dropSchemas() throws Exception {
        for (String schema : SCHEMAS) {
            LocalPostgres.drop(schema);
        }
    }

    @Override
    protected Map<String, String> storage(Path home) throws Exception {
        String schema = LocalPostgres.freshSchema();
        SCHEMAS.add(schema);
        Path keyset = temp.resolve("keyset.json");
        Files.writeString(keyset, TinkVault.generateKeysetJson());
        Files.setPosixFilePermissions(keyset, PosixFilePermissions.fromString("rw-------"));
        return Map.of("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test?currentSchema=" + schema,
                "CATWALK_KEYSET_FILE", keyset.toString());
    }
}
