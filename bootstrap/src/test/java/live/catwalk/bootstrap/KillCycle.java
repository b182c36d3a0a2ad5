package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing acknowledged is lost: cycles of answered writes (a burst of concurrent creates, a personal token
 * revoked, a deployment's variables replaced), then {@code kill -9} at once or a moment later, a restart on
 * the same database, and every answered write found again. Each database gets a subclass.
 */
abstract class KillCycle {

    private static final Duration START = Duration.ofSeconds(60);
    private static final int CYCLES = 5;
    private static final int BURST = 8;

    @TempDir
    Path temp;

    /** The variables that put Catwalk's state in this database (and its home in {@code home}). */
    protected abstract Map<String, String> storage(Path home) throws Exception;

    @Test
    void everyAnsweredWriteSurvivesKillNineAndARestart() throws Exception {
        Map<String, String> env = new HashMap<>(storage(temp.resolve("home")));
        env.put("CATWALK_PORT", "0");
        env.put("CATWALK_HOME", temp.resolve("home").toString());
        env.put("CATWALK_ADMIN_TOKEN_FILE", temp.resolve("admin-token").toString());
        Set<String> created = new TreeSet<>();
        List<String> revoked = new ArrayList<>();
        String envDeployment = null;
        String envName = null;
        String admin = null;
        ExecutorService burst = Executors.newFixedThreadPool(BURST);
        try {
            for (int cycle = 0; cycle <= CYCLES; cycle++) {
                try (CatwalkProcess catwalk = CatwalkProcess.start(env, "serve")) {
                    ApiClient api = new ApiClient(catwalk.awaitServing(START));
                    if (admin == null) {
                        admin = Files.readString(temp.resolve("admin-token")).strip();
                    }
                    verify(api, admin, created, revoked, envDeployment, envName, cycle);
                    if (cycle == CYCLES) {
                        return;
                    }
                    // The writes of this cycle; each counts once its answer has arrived.
                    String token = admin;
                    List<Future<ApiClient.Answer>> answers = new ArrayList<>();
                    for (int i = 0; i < BURST; i++) {
                        int n = i;
                        int c = cycle;
                        answers.add(burst.submit(() -> api.post("/api/deployments", token, Map.of(
                                "name", "kill-" + c + "-" + n, "command", List.of("/bin/cat")))));
                    }
                    for (Future<ApiClient.Answer> answer : answers) {
                        ApiClient.Answer a = answer.get();
                        assertEquals(201, a.status(), a.body().toString());
                        created.add(a.body().path("id").asText());
                    }
                    ApiClient.Answer issued = api.post("/api/tokens", admin, Map.of("name", "leaked-" + cycle));
                    assertEquals(201, issued.status(), issued.body().toString());
                    String secret = issued.body().path("token").asText();
                    assertEquals(200, api.get("/api/me", secret).status());
                    assertEquals(204, api.delete("/api/tokens/" + issued.body().path("id").asText(), admin).status());
                    revoked.add(secret);
                    envDeployment = created.iterator().next();
                    envName = "CYCLE_" + cycle;
                    ApiClient.Answer replaced = api.put("/api/deployments/" + envDeployment + "/env", admin,
                            Map.of("env", Map.of(envName, "value-" + cycle)));
                    assertEquals(200, replaced.status(), replaced.body().toString());
                    Thread.sleep(cycle % 3 * 150L); // at once, or a moment after the last answer
                    catwalk.signal("KILL");
                    assertTrue(catwalk.awaitExit(Duration.ofSeconds(10)) != -1, "catwalk ended on SIGKILL");
                }
            }
        } finally {
            burst.shutdownNow();
        }
    }

    private static void verify(ApiClient api, String admin, Set<String> created, List<String> revoked,
                               String envDeployment, String envName, int cycle) throws Exception {
        for (String id : created) {
            ApiClient.Answer got = api.get("/api/deployments/" + id, admin);
            assertEquals(200, got.status(), "cycle " + cycle + ": deployment " + id + " answered 201 before the kill, "
                    + "then was lost: " + got.body());
        }
        for (String secret : revoked) {
            assertEquals(401, api.get("/api/me", secret).status(),
                    "cycle " + cycle + ": a token revoked (204) before the kill works again");
        }
        if (envDeployment != null) {
            JsonNode names = api.get("/api/deployments/" + envDeployment, admin).body().path("envNames");
            assertEquals("[\"" + envName + "\"]", names.toString(), "cycle " + cycle + ": replaced variables lost");
        }
    }
}
