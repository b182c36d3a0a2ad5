package live.catwalk.adapters.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;

class H2DatabaseIT extends DatabaseBehaviour {

    @TempDir
    Path directory;

    @Override
    protected DatabaseUrl freshDatabase() throws Exception {
        return DatabaseUrl.h2File(Files.createTempDirectory(directory, "db"));
    }

    @Override
    protected void execute(DatabaseUrl url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url.jdbcUrl()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    protected String vendor() {
        return "h2";
    }
}
