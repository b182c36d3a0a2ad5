package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The security probe's input cases against a real Catwalk (F4, F5, F8, F13): option-like package names, a
 * registry answering a non-version, per-user quotas, refused variables and a huge report, each answered
 * with problem JSON of the right status, never a 500.
 */
class ValidationLimitsIT {

    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path temp;
    private StubNpmRegistry registry;

    @BeforeEach
    void startTheRegistry() throws Exception {
        registry = StubNpmRegistry.start();
    }

    @AfterEach
    void stopTheRegistry() {
        registry.close();
    }

    @Test
    void badInputAnswersProblemJsonAndQuotasHoldForPlainUsers() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("CATWALK_PORT", "0");
        env.put("CATWALK_HOME", temp.resolve("home").toString());
        env.put("CATWALK_ADMIN_TOKEN_FILE", temp.resolve("admin-token").toString());
        env.put("CATWALK_NPM_REGISTRY", registry.url());
        env.put("CATWALK_MAX_DEPLOYMENTS_PER_USER", "2");
        env.put("CATWALK_MAX_RUNNING_PER_USER", "1");
        try (CatwalkProcess catwalk = CatwalkProcess.start(env, "serve")) {
            ApiClient api = new ApiClient(catwalk.awaitServing(START));
            String admin = Files.readString(temp.resolve("admin-token")).strip();

            for (String name : List.of("--yes", "-c", "--call", ".hidden", "_x", "~x")) {
                ApiClient.Answer answer = api.post("/api/deployments", admin, npm("dash", name, Map.of()));
                assertEquals(422, answer.status(), name + " " + answer.body());
                assertEquals("package.name", answer.body().path("problems").path(0).path("field").asText(), name);
            }

            ApiClient.Answer badLatest = api.post("/api/deployments", admin, npm("bad", "bad-latest", Map.of()));
            assertEquals(503, badLatest.status(), badLatest.body().toString());
            assertEquals("registry_unavailable", badLatest.body().path("error").asText());
            assertTrue(badLatest.body().path("message").asText().contains("'1.0.0 --foo'"), badLatest.body().toString());

            ApiClient.Answer gadget = api.post("/api/deployments", admin, npm("py", "left-pad",
                    Map.of("PYTHONWARNINGS", "all:0:antigravity.x:0:0", "BROWSER", "/bin/sh -c x", "BRAVE_API_KEY", "k")));
            assertEquals(422, gadget.status(), gadget.body().toString());
            assertEquals(2, gadget.body().path("problems").size(), gadget.body().toString());
            assertFalse(gadget.raw().body().contains("antigravity"), "a value is never echoed");

            Map<String, String> many = new HashMap<>();
            for (int i = 0; i < 150_000; i++) {
                many.put("x" + i, "");
            }
            ApiClient.Answer huge = api.post("/api/deployments", admin, npm("k", "left-pad", many));
            assertEquals(422, huge.status());
            assertEquals(1, huge.body().path("problems").size(), huge.body().toString());
            assertTrue(huge.raw().body().length() < 2_000, huge.raw().body().length() + " bytes");

            ApiClient.Answer bob = api.post("/api/users", admin, Map.of("name", "bob", "role", "user"));
            String bobToken = bob.body().path("token").asText();
            ApiClient.Answer first = api.post("/api/deployments", bobToken, npm("a", "left-pad", Map.of()));
            assertEquals(201, first.status(), first.body().toString());
            ApiClient.Answer overRunning = api.post("/api/deployments", bobToken, npm("b", "left-pad", Map.of()));
            assertEquals(429, overRunning.status(), overRunning.body().toString());
            assertEquals("quota_exceeded", overRunning.body().path("error").asText());
            assertTrue(overRunning.body().path("message").asText().contains("CATWALK_MAX_RUNNING_PER_USER"));

            String firstPath = "/api/deployments/" + first.body().path("id").asText();
            assertEquals(200, api.post(firstPath + "/stop", bobToken, Map.of()).status());
            assertEquals(201, api.post("/api/deployments", bobToken, npm("b", "left-pad", Map.of())).status());
            ApiClient.Answer overCount = api.post("/api/deployments", bobToken, npm("c", "left-pad", Map.of()));
            assertEquals(429, overCount.status(), overCount.body().toString());
            assertTrue(overCount.body().path("message").asText().contains("CATWALK_MAX_DEPLOYMENTS_PER_USER"));
            assertEquals(429, api.post(firstPath + "/start", bobToken, Map.of()).status());
            assertEquals(201, api.post("/api/deployments", admin, npm("c", "left-pad", Map.of())).status(),
                    "admins are exempt");
        }
    }

    private static Map<String, Object> npm(String name, String pkg, Map<String, String> env) {
        return Map.of("name", name, "package", Map.of("registry", "npm", "name", pkg), "env", env);
    }
}
