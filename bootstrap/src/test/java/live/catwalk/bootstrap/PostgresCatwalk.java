package live.catwalk.bootstrap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import live.catwalk.adapters.persistence.vault.TinkVault;
import live.catwalk.bootstrap.testing.LocalPostgres;

/** The variables that run a Catwalk process on a fresh schema of the local PostgreSQL, with a keyset file. */
final class PostgresCatwalk {

    private final List<String> schemas = new ArrayList<>();

    /** A fresh schema (dropped by {@link #dropSchemas}) and a new keyset file under {@code dir}. */
    Map<String, String> environment(Path dir) throws Exception {
        String schema = LocalPostgres.freshSchema();
        schemas.add(schema);
        Path keyset = dir.resolve("keyset.json");
        Files.writeString(keyset, TinkVault.generateKeysetJson());
        Files.setPosixFilePermissions(keyset, PosixFilePermissions.fromString("rw-------"));
        return Map.of("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test?currentSchema=" + schema,
                "CATWALK_KEYSET_FILE", keyset.toString());
    }

    void dropSchemas() throws Exception {
        for (String schema : schemas) {
            LocalPostgres.drop(schema);
        }
    }
}
