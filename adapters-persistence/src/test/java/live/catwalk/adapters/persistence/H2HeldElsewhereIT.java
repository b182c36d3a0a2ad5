package live.catwalk.adapters.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another process holding the embedded database is named as such, not as a connection problem. */
class H2HeldElsewhereIT {

    @TempDir
    Path home;

    @Test
    void anotherProcessHoldingTheFileIsDatabaseInUseNamingTheFileAndNotDatabaseUrl() throws Exception {
        DatabaseUrl url = DatabaseUrl.h2File(home);
        Database.open(url, 1).close(); // creates the file, as a first start does
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Holder.class.getName(), url.jdbcUrl())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = holder.inputReader(StandardCharsets.UTF_8)) {
            assertEquals("holding H2", out.readLine());

            DatabaseInUse e = assertThrows(DatabaseInUse.class, () -> Database.open(url, 1));

            String file = home.toAbsolutePath().normalize().resolve("catwalk.mv.db").toString();
            assertEquals(file, e.file());
            assertTrue(e.getMessage().startsWith("The embedded database " + file + " is open in another process"),
                    e.getMessage());
            assertFalse(e.getMessage().contains("DATABASE_URL"), e.getMessage());
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        Database.open(url, 1).close(); // free again once the holder is gone
    }

    /** The other process: opens the database, says so, and holds it until stdin closes or it is killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (Connection held = DriverManager.getConnection(args[0])) {
                System.out.println("holding " + held.getMetaData().getDatabaseProductName());
                System.out.flush();
                System.in.read();
            }
        }
    }
}
