package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import live.catwalk.adapters.persistence.Database;
import live.catwalk.adapters.persistence.DatabaseUrl;
import live.catwalk.adapters.persistence.vault.TinkVault;
import live.catwalk.bootstrap.config.CatwalkConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the port is taken after Main's check (another process won the race), the application still binds
 * before it creates the first admin: no token is printed for a server that never ran, and no admin exists.
 */
class BusyPortIT {

    @TempDir
    Path temp;

    @Test
    void aPortLostAfterTheCheckFailsTheStartBeforeTheFirstAdminIsCreatedOrPrinted() throws Exception {
        Path home = temp.resolve("home");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CatwalkConfig config = CatwalkConfig.fromEnvironment(Map.of("CATWALK_PORT",
                    Integer.toString(taken.getLocalPort()), "CATWALK_HOME", home.toString(), "CATWALK_SANDBOX", "off"));
            Database database = Database.open(DatabaseUrl.h2File(home), 2);

            assertThrows(BindException.class, () -> Application.start(config, List.of(), Map.of(), "test", database,
                    TinkVault.generateOrLoad(home.resolve("keyset.json")),
                    new PrintStream(console, true, StandardCharsets.UTF_8)));
        }

        assertEquals("", console.toString(StandardCharsets.UTF_8), "no admin token for a server that never ran");
        try (Database reopened = Database.open(DatabaseUrl.h2File(home), 1)) { // closed by the failed start
            assertEquals(0, reopened.users().count(), "no admin was created");
        }
    }
}
