package live.catwalk.adapters.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.io.TempDir;

class H2VaultOnDatabaseIT extends VaultOnDatabaseBehaviour {

    @TempDir
    Path databases;

    @Override
    protected DatabaseUrl freshDatabase() throws Exception {
        return DatabaseUrl.h2File(Files.createTempDirectory(databases, "db"));
    }

    @Override
    protected Connection raw(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl());
    }
}
