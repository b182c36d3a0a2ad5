package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the real jar: {@code /api/health} reports Catwalk's own components (database, vault, runtime) and stays
 * 200 while a deployment has failed, names no deployment with or without a token; missing bodies and an empty
 * create are 4xx problems naming what is wrong. Each database gets a subclass.
 */
abstract class HealthAndBodiesJourney {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    /** The variables that put Catwalk's state in this database (and its home in {@code home}). */
    protected abstract Map<String, String> storage(Path home) throws Exception;

    @Test
    void healthIsCatwalksOwnStaysOkWhileADeploymentHasFailedAndNamesNoDeployment() throws Exception {
        try (CatwalkProcess catwalk = CatwalkProcess.start(environment(), "serve")) {
            URI base = catwalk.awaitServing(START);
            ApiClient api = new ApiClient(base);
            String admin = Files.readString(temp.resolve("admin-token")).strip();
            String user = api.post("/api/users", admin, Map.of("name", "ada")).body().path("token").asText();

            HttpResponse<String> fresh = health(base, null);
            assertEquals(200, fresh.statusCode(), fresh.body());
            JsonNode components = JSON.readTree(fresh.body()).path("components");
            for (String own : List.of("database", "vault", "runtime")) {
                assertEquals("ok", components.path(own).path("status").asText(), own + ": " + fresh.body());
            }

            ApiClient.Answer created = api.post("/api/deployments", admin, Map.of("name", "crashes",
                    "command", List.of("sh", "-c", "echo 'crashing on purpose' >&2; exit 3")));
            assertEquals(201, created.status(), created.body().toString());
            String id = created.body().path("id").asText();
            api.awaitStatus(id, admin, "failed", SETTLE);

            for (String token : new String[] {null, user, admin}) {
                HttpResponse<String> answer = health(base, token);
                String who = token == null ? "anonymous" : token.equals(admin) ? "admin" : "user";
                assertEquals(200, answer.statusCode(), who + ": " + answer.body());
                JsonNode report = JSON.readTree(answer.body());
                assertEquals("ok", report.path("status").asText(), who + ": " + answer.body());
                assertFalse(answer.body().contains(id), who + " sees a deployment id: " + answer.body());
                assertFalse(answer.body().contains("crashes"), who + " sees a deployment name: " + answer.body());
                assertTrue(report.path("components").path("mcp").path("detail").asText().contains("1 deployment"),
                        who + ": totals are shown: " + answer.body());
            }
        }
    }

    @Test
    void aMissingBodyIsA400ProblemAndAnEmptyCreateNamesTheNameAndThePackage() throws Exception {
        try (CatwalkProcess catwalk = CatwalkProcess.start(environment(), "serve")) {
            URI base = catwalk.awaitServing(START);
            ApiClient api = new ApiClient(base);
            String admin = Files.readString(temp.resolve("admin-token")).strip();
            String id = api.post("/api/deployments", admin, Map.of("name", "sleeper",
                    "command", List.of("sleep", "600"))).body().path("id").asText();

            for (String[] route : new String[][] {{"POST", "/api/deployments"}, {"POST", "/api/tokens"},
                {"POST", "/api/users"}, {"PUT", "/api/settings"}, {"PUT", "/api/deployments/" + id + "/env"}}) {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(route[1]))
                        .header("Authorization", "Bearer " + admin)
                        .method(route[0], HttpRequest.BodyPublishers.noBody()).build(), BodyHandlers.ofString());
                String what = route[0] + " " + route[1];
                assertEquals(400, answer.statusCode(), what + ": " + answer.body());
                assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), what);
                JsonNode problem = JSON.readTree(answer.body());
                assertEquals("invalid_json", problem.path("error").asText(), what + ": " + answer.body());
                assertEquals("body", problem.path("field").asText(), what + ": " + answer.body());
            }

            ApiClient.Answer empty = api.post("/api/deployments", admin, Map.of());
            assertEquals(422, empty.status(), empty.body().toString());
            assertEquals("validation_failed", empty.body().path("error").asText());
            List<String> fields = StreamSupport.stream(empty.body().path("problems").spliterator(), false)
                    .map(p -> p.path("field").asText()).toList();
            assertEquals(List.of("name", "package"), fields, empty.body().toString());
            assertEquals(1, api.get("/api/deployments", admin).body().path("items").size(), "nothing was created");

            Map<String, String> env = new HashMap<>();
            env.put("A", null);
            env.put("lower", "x");
            ApiClient.Answer nullAndBadName = api.put("/api/deployments/" + id + "/env", admin, Map.of("env", env));
            assertEquals(422, nullAndBadName.status(), nullAndBadName.body().toString());
            List<String> envFields = StreamSupport.stream(nullAndBadName.body().path("problems").spliterator(), false)
                    .map(p -> p.path("field").asText()).toList();
            assertEquals(List.of("env.A", "env.lower"), envFields, nullAndBadName.body().toString());
        }
    }

    private Map<String, String> environment() throws Exception {
        Path home = temp.resolve("home");
        Map<String, String> env = new HashMap<>(storage(home));
        env.put("CATWALK_PORT", "0");
        env.put("CATWALK_HOME", home.toString());
        env.put("CATWALK_ADMIN_TOKEN_FILE", temp.resolve("admin-token").toString());
        return env;
    }

    private static HttpResponse<String> health(URI base, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/health")).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(request.build(), BodyHandlers.ofString());
    }

}
