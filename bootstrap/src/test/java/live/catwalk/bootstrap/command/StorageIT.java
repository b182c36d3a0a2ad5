package live.catwalk.bootstrap.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import live.catwalk.bootstrap.CatwalkProcess;
import live.catwalk.bootstrap.testing.LocalPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where {@code catwalk serve} keeps its state: the embedded default, PostgreSQL, and the keys commands. */
class StorageIT {

    private static final Duration START = Duration.ofSeconds(60);
    private final ObjectMapper json = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void withNoDatabaseUrlServeCreatesTheH2DatabaseAndAPrivateKeysetUnderCatwalkHomeAndSaysSoOnce() throws Exception {
        Path home = temp.resolve("home");
        Map<String, String> env = Map.of("CATWALK_PORT", "0", "CATWALK_HOME", home.toString());

        String firstLog;
        try (CatwalkProcess catwalk = CatwalkProcess.start(env, "serve")) {
            JsonNode database = health(catwalk.awaitServing(START)).path("components").path("database");
            assertEquals("ok", database.path("status").asText(), database.toString());
            assertTrue(database.path("detail").asText().startsWith("h2"), database.toString());
            catwalk.signal("TERM");
            assertNotEquals(-1, catwalk.awaitExit(Duration.ofSeconds(10)), "stops within 10 s of SIGTERM");
            firstLog = catwalk.stderrText();
        }
        Path keyset = home.resolve("keyset.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home)));
        assertTrue(Files.isRegularFile(home.resolve("catwalk.mv.db")), "the H2 file database");
        assertTrue(firstLog.contains("Generated a new keyset for the credential vault at " + keyset), firstLog);
        String generated = Files.readString(keyset);

        try (CatwalkProcess again = CatwalkProcess.start(env, "serve")) {
            again.awaitServing(START);
            again.signal("TERM");
            again.awaitExit(Duration.ofSeconds(10));
            assertFalse(again.stderrText().contains("Generated a new keyset"), again.stderrText());
        }
        assertEquals(generated, Files.readString(keyset), "the second start reuses the keyset");
    }

    @Test
    void withDatabaseUrlAndAKeysetFileServeMigratesPostgresAndServes() throws Exception {
        String schema = LocalPostgres.freshSchema();
        try {
            Path keyset = temp.resolve("keyset.json");
            Files.writeString(keyset, runMain(Map.of(), 0, "keys", "generate"));
            Files.setPosixFilePermissions(keyset, PosixFilePermissions.fromString("rw-------"));
            Map<String, String> env = Map.of("CATWALK_PORT", "0", "CATWALK_HOME", temp.resolve("home").toString(),
                    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test?currentSchema=" + schema,
                    "CATWALK_KEYSET_FILE", keyset.toString());
            try (CatwalkProcess catwalk = CatwalkProcess.start(env, "serve")) {
                JsonNode database = health(catwalk.awaitServing(START)).path("components").path("database");
                assertEquals("ok", database.path("status").asText(), database.toString());
                assertTrue(database.path("detail").asText().startsWith("postgresql"), database.toString());
                catwalk.signal("TERM");
                assertNotEquals(-1, catwalk.awaitExit(Duration.ofSeconds(10)), "stops within 10 s of SIGTERM");
            }
            assertFalse(Files.exists(temp.resolve("home").resolve("keyset.json")), "no keyset generated");
            String status = runMain(env, 0, "keys", "status");
            assertTrue(status.contains(keyset.toString()), status);
        } finally {
            LocalPostgres.drop(schema);
        }
    }

    @Test
    void withDatabaseUrlAndNoKeysetStartUpRefusesWithExit2NamingCatwalkKeyset() throws Exception {
        Map<String, String> env = Map.of("CATWALK_HOME", temp.toString(),
                "DATABASE_URL", "postgres://postgres:s3cret-pw@127.0.0.1:5432/test");
        try (CatwalkProcess catwalk = CatwalkProcess.start(env, "serve")) {
            assertEquals(2, catwalk.awaitExit(START));
            String err = catwalk.stderrText();
            assertTrue(err.contains("CATWALK_KEYSET"), err);
            assertTrue(err.contains("catwalk keys generate"), err);
            assertFalse(err.contains("s3cret-pw"), err);
        }
        assertFalse(Files.exists(temp.resolve("keyset.json")));
    }

    @Test
    void keysRotateAddsAPrimaryKeyThatStatusLists() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("CATWALK_HOME", temp.toString()));
        String none = runMain(env, 1, "keys", "status");
        assertTrue(none.contains("no keyset"), none);

        Path keyset = temp.resolve("keyset.json");
        Files.writeString(keyset, runMain(Map.of(), 0, "keys", "generate"));
        Files.setPosixFilePermissions(keyset, PosixFilePermissions.fromString("rw-------"));
        String before = runMain(env, 0, "keys", "status");
        assertEquals(1, keyRows(before).size(), before);

        String rotated = runMain(env, 0, "keys", "rotate");
        assertTrue(rotated.contains("Added key"), rotated);
        List<String> after = keyRows(runMain(env, 0, "keys", "status"));
        assertEquals(2, after.size(), after.toString());
        assertEquals(1, after.stream().filter(row -> row.contains(" yes ")).count(), after.toString());
    }

    @Test
    void keysRotateRefusesAKeysetFromTheEnvironmentAndSaysWhatToDo() throws Exception {
        String keyset = java.util.Base64.getEncoder().encodeToString(
                runMain(Map.of(), 0, "keys", "generate").getBytes(StandardCharsets.UTF_8));
        String err = runMain(Map.of("CATWALK_HOME", temp.toString(), "CATWALK_KEYSET", keyset), 1, "keys", "rotate");
        assertTrue(err.contains("CATWALK_KEYSET_FILE"), err);
        assertFalse(err.contains(keyset), "the keyset is never repeated");
    }

    private static List<String> keyRows(String status) {
        return status.lines().filter(line -> line.matches("\\d+ .*")).toList();
    }

    /** Runs a command in this JVM, asserts its exit code and returns what it printed (stdout, then stderr). */
    private static String runMain(Map<String, String> env, int expectedExit, String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, code, text);
        return text;
    }

    private JsonNode health(URI base) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("api/health")).build(),
                BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return json.readTree(response.body());
    }
}
