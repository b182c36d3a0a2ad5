package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probe's F12 against a real Catwalk on the embedded database: an admin lists users, revokes another user's
 * token, reaches their deployment, and disables them, after which their personal and deployment tokens answer
 * 401 and their deployment is wanted and shown STOPPED.
 */
class AdminPowersIT {

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
    void anAdminDisablesBobWhoseTokensThenGet401AndWhoseDeploymentStops() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("CATWALK_PORT", "0");
        env.put("CATWALK_HOME", temp.resolve("home").toString());
        env.put("CATWALK_ADMIN_TOKEN_FILE", temp.resolve("admin-token").toString());
        env.put("CATWALK_NPM_REGISTRY", registry.url());
        try (CatwalkProcess catwalk = CatwalkProcess.start(env, "serve")) {
            ApiClient api = new ApiClient(catwalk.awaitServing(START));
            String admin = Files.readString(temp.resolve("admin-token")).strip();
            ApiClient.Answer bob = api.post("/api/users", admin, Map.of("name", "bob"));
            assertEquals(201, bob.status(), bob.body().toString());
            String bobId = bob.body().path("user").path("id").asText();
            String bobToken = bob.body().path("token").asText();
            ApiClient.Answer created = api.post("/api/deployments", bobToken, Map.of("name", "bobs",
                    "package", Map.of("registry", "npm", "name", "@acme/tool"), "env", Map.of()));
            assertEquals(201, created.status(), created.body().toString());
            String deployment = "/api/deployments/" + created.body().path("id").asText();
            URI mcpUrl = URI.create(created.body().path("mcpUrl").asText());
            String deploymentToken = created.body().path("token").asText();

            JsonNode users = api.get("/api/users", admin).body();
            assertEquals("bob", users.path("items").get(1).path("name").asText(), users.toString());
            assertFalse(users.path("items").get(1).path("disabled").asBoolean(true));
            assertEquals(403, api.get("/api/users", bobToken).status());
            assertEquals(200, api.get(deployment, admin).status(), "an admin reaches bob's deployment");

            ApiClient.Answer spare = api.post("/api/tokens", bobToken, Map.of("name", "spare"));
            assertEquals(201, spare.status(), spare.body().toString());
            JsonNode bobsTokens = api.get("/api/users/" + bobId + "/tokens", admin).body();
            assertEquals(spare.body().path("id").asText(), bobsTokens.path("items").get(0).path("id").asText(),
                    bobsTokens.toString());
            assertEquals(204, api.delete("/api/tokens/" + spare.body().path("id").asText(), admin).status());
            assertEquals(401, api.get("/api/me", spare.body().path("token").asText()).status());

            ApiClient.Answer self = api.post("/api/users/" + api.get("/api/me", admin).body().path("id").asText()
                    + "/disable", admin, Map.of());
            assertEquals(409, self.status(), self.body().toString());

            ApiClient.Answer disabled = api.post("/api/users/" + bobId + "/disable", admin, Map.of());
            assertEquals(200, disabled.status(), disabled.body().toString());
            assertTrue(disabled.body().path("user").path("disabled").asBoolean(), disabled.body().toString());
            assertEquals(1, disabled.body().path("deploymentsStopped").asInt(), disabled.body().toString());

            assertEquals(401, api.get("/api/me", bobToken).status());
            assertEquals(401, initializeStatus(mcpUrl, deploymentToken));
            JsonNode stopped = api.get(deployment, admin).body();
            assertEquals("stopped", stopped.path("desiredState").asText(), stopped.toString());
            assertEquals("stopped", stopped.path("status").asText(), stopped.toString());
            assertTrue(api.get("/api/users", admin).body().path("items").get(1).path("disabled").asBoolean());
        }
    }

    private static int initializeStatus(URI url, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, text/event-stream").header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}"))
                .build();
        return HttpClient.newHttpClient().send(request, BodyHandlers.discarding()).statusCode();
    }
}
