package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import live.catwalk.bootstrap.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the real jar: a server that answers {@code initialize} but never {@code ping} does not delay another
 * deployment's move to RUNNING (the reconciler's health pings run off its pass), and only it turns UNHEALTHY.
 */
class HungServerIT {

    private static final Duration START = Duration.ofSeconds(60);
    /** The reconciler's ping timeout: a pass that waited on the hung server would take at least this. */
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(5);

    @TempDir
    Path temp;

    private Map<String, Object> tiny(String name, String... args) throws Exception {
        Path script = Path.of(System.getProperty("catwalk.root", ".."), "bootstrap/src/test/resources/servers",
                "tiny-server.mjs");
        List<String> argv = new java.util.ArrayList<>(List.of(TestTools.get().node().toString(), script.toString()));
        argv.addAll(List.of(args));
        return Map.of("name", name, "command", argv, "env", Map.of(), "sessionMode", "shared");
    }

    @Test
    void aServerThatNeverAnswersPingDoesNotDelayAnotherDeploymentsMoveToRunning() throws Exception {
        Path home = temp.resolve("home");
        Map<String, String> env = Map.of("CATWALK_PORT", "0", "CATWALK_HOME", home.toString(),
                "CATWALK_ADMIN_TOKEN_FILE", temp.resolve("admin-token").toString(),
                "CATWALK_HEALTH_INTERVAL", "1s");
        try (CatwalkProcess catwalk = CatwalkProcess.start(env, "serve")) {
            ApiClient api = new ApiClient(catwalk.awaitServing(START));
            String admin = Files.readString(temp.resolve("admin-token")).strip();
            ApiClient.Answer hung = api.post("/api/deployments", admin, tiny("hung", "--no-ping"));
            assertEquals(201, hung.status(), hung.body().toString());
            String hungId = hung.body().path("id").asText();
            Thread.sleep(2_000); // its server is up and its first ping hangs

            long created = System.nanoTime();
            ApiClient.Answer fresh = api.post("/api/deployments", admin, tiny("fresh"));
            assertEquals(201, fresh.status(), fresh.body().toString());
            api.awaitStatus(fresh.body().path("id").asText(), admin, "running", START);
            Duration took = Duration.ofNanos(System.nanoTime() - created);

            assertTrue(took.compareTo(PING_TIMEOUT.multipliedBy(2).dividedBy(3)) < 0,
                    "the second deployment took " + took + " to run, as if behind the hung server's ping");
            api.awaitStatus(hungId, admin, "unhealthy", Duration.ofSeconds(20));
            String reason = api.get("/api/deployments/" + hungId, admin).body().toString();
            assertTrue(reason.contains("does not answer an MCP ping"), reason);
        }
    }
}
