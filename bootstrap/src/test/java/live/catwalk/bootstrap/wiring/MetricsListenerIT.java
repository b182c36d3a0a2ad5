package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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

/** A metrics address that cannot be bound stops the start, naming the variable, before the first admin exists. */
class MetricsListenerIT {

    @TempDir
    Path temp;

    @Test
    void aTakenMetricsAddressFailsTheStartNamingTheVariableBeforeTheFirstAdmin() throws Exception {
        Path home = temp.resolve("home");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CatwalkConfig config = CatwalkConfig.fromEnvironment(Map.of("CATWALK_PORT", "0",
                    "CATWALK_METRICS_BIND", "127.0.0.1:" + taken.getLocalPort(), "CATWALK_HOME", home.toString(),
                    "CATWALK_SANDBOX", "off"));
            Database database = Database.open(DatabaseUrl.h2File(home), 2);

            IOException e = assertThrows(IOException.class, () -> Application.start(config, List.of(), Map.of(),
                    "test", database, TinkVault.generateOrLoad(home.resolve("keyset.json")),
                    new PrintStream(console, true, StandardCharsets.UTF_8)));
            assertTrue(e.getMessage().contains("choose another CATWALK_METRICS_BIND"), e.getMessage());
        }

        assertEquals("", console.toString(StandardCharsets.UTF_8), "no admin token for a server that never ran");
        try (Database reopened = Database.open(DatabaseUrl.h2File(home), 1)) { // closed by the failed start
            assertEquals(0, reopened.users().count(), "no admin was created");
        }
    }
}
