package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import live.catwalk.bootstrap.config.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The runnable jar, started as a user would start it. */
class CatwalkProcessIT {

    private static final Duration START = Duration.ofSeconds(30);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void servesHealthAndJson404AndStopsWithinTenSecondsOfTheSignal(String signal) throws Exception {
        // The default sandbox mode; without bubblewrap installed that start warns about it, by design.
        boolean bwrap = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "bwrap")));
        try (CatwalkProcess catwalk = CatwalkProcess.start(Map.of("CATWALK_PORT", "0", "CATWALK_SANDBOX", "auto"),
                "serve")) {
            URI base = catwalk.awaitServing(START);

            HttpResponse<String> health = get(base.resolve("api/health"));
            assertEquals(200, health.statusCode());
            assertTrue(health.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonNode body = json.readTree(health.body());
            assertEquals("ok", body.path("status").asText());
            assertEquals(Version.current(), body.path("version").asText());
            assertEquals("ok", body.path("components").path("jvm").path("status").asText());

            HttpResponse<String> missing = get(base.resolve("no-such-thing"));
            assertEquals(404, missing.statusCode());
            assertEquals("not_found", json.readTree(missing.body()).path("error").asText());

            long signalled = System.nanoTime();
            catwalk.signal(signal);
            int exit = catwalk.awaitExit(STOP_LIMIT);
            Duration took = Duration.ofNanos(System.nanoTime() - signalled);

            assertNotEquals(-1, exit, "still running " + STOP_LIMIT + " after SIG" + signal);
            assertTrue(took.compareTo(STOP_LIMIT) < 0, "took " + took);
            assertTrue(catwalk.stderrText().contains("stopped"), catwalk.stderrText());
            List<String> alarming = catwalk.stderr().stream()
                    .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                    .filter(line -> bwrap || !line.contains("Sandboxes: sandbox: off (")).toList();
            assertEquals(List.of(), alarming, "a normal start and stop must not log warnings or errors");
        }
    }

    @Test
    void aBadPortExits2NamingTheVariableAndTheExpectedForm() throws Exception {
        try (CatwalkProcess catwalk = CatwalkProcess.start(Map.of("CATWALK_PORT", "80a"), "serve")) {
            assertEquals(2, catwalk.awaitExit(START));
            String err = catwalk.stderrText();
            assertTrue(err.contains("CATWALK_PORT"), err);
            assertTrue(err.contains("'80a' is not a whole number"), err);
            assertTrue(err.contains("0 to 65535"), err);
        }
    }

    @Test
    void aTakenPortExits1AndSaysWhichVariableToChangeBeforeCreatingAnythingInANewHome() throws Exception {
        Path home = Files.createTempDirectory("catwalk-busy").resolve("home");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             CatwalkProcess catwalk = CatwalkProcess.start(Map.of("CATWALK_PORT", Integer.toString(taken.getLocalPort()),
                     "CATWALK_HOME", home.toString()), "serve")) {
            assertEquals(1, catwalk.awaitExit(START));
            String err = catwalk.stderrText();
            assertTrue(err.contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()), err);
            assertTrue(err.contains("CATWALK_PORT"), err);
            assertFalse(catwalk.stdout().contains("admin"), "no admin token for a server that never ran: "
                    + catwalk.stdout());
            assertFalse(Files.exists(home), "nothing is created in a new home (keyset, database) when the port is busy");
        }
    }

    @Test
    void anUnknownCatwalkVariableIsNamedInAWarningButItsValueIsNot() throws Exception {
        try (CatwalkProcess catwalk = CatwalkProcess.start(
                Map.of("CATWALK_PORT", "0", "CATWALK_KEYSETT", "do-not-print-me"), "serve")) {
            catwalk.awaitServing(START);
            catwalk.signal("TERM");
            catwalk.awaitExit(STOP_LIMIT);
            String err = catwalk.stderrText();
            assertTrue(err.contains("ignoring unknown variable CATWALK_KEYSETT"), err);
            assertFalse(err.contains("do-not-print-me"), err);
        }
    }

    @Test
    void versionPrintsTheBuildsVersion() throws Exception {
        try (CatwalkProcess catwalk = CatwalkProcess.start(Map.of(), "--version")) {
            assertEquals(0, catwalk.awaitExit(START));
            assertEquals("catwalk " + Version.current(), catwalk.stdout());
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }
}
