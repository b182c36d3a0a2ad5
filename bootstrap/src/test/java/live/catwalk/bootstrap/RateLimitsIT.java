package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rate limits as the jar wires them from its variables: analyses per user, and failed authentications counted
 * over {@code /api}, {@code /mcp} and {@code /token} together for one client address, refused 429 with Retry-After.
 */
class RateLimitsIT {

    private static final Duration START = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void analysesPerUserAndFailedAuthenticationsOverEverySurfaceAreLimitedAsConfigured() throws Exception {
        Map<String, String> env = Map.of("CATWALK_PORT", "0", "CATWALK_HOME", temp.resolve("home").toString(),
                "CATWALK_ADMIN_TOKEN_FILE", temp.resolve("admin-token").toString(),
                "CATWALK_RATE_FAILED_AUTH_PER_ADDRESS", "3/1h", "CATWALK_RATE_ANALYSES_PER_USER", "1/1h",
                "CATWALK_GITHUB_API_URL", "http://127.0.0.1:9/");
        try (CatwalkProcess catwalk = CatwalkProcess.start(env, "serve")) {
            URI base = catwalk.awaitServing(START);
            ApiClient api = new ApiClient(base);
            String admin = Files.readString(temp.resolve("admin-token")).strip();
            String ada = api.post("/api/users", admin, Map.of("name", "ada")).body().path("token").asText();

            assertEquals(202, api.post("/api/analyses", ada, Map.of("repo", "acme/first")).status());
            ApiClient.Answer second = api.post("/api/analyses", ada, Map.of("repo", "acme/second"));
            assertLimited(second, "analysis_rate_limited");
            assertEquals(202, api.post("/api/analyses", admin, Map.of("repo", "acme/second")).status(),
                    "another user has a window of their own");

            assertEquals(401, api.get("/api/me", "cwk_wrong").status());
            HttpResponse<String> mcp = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/mcp/nope"))
                    .header("Authorization", "Bearer cwd_wrong").POST(HttpRequest.BodyPublishers.ofString("{}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, mcp.statusCode(), mcp.body());
            HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=x&client_id=nobody"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, token.statusCode(), token.body());

            assertLimited(api.get("/api/me", admin), "authentication_rate_limited");
            assertEquals(200, api.get("/api/health", null).status(), "the health check asks for no credential");
        }
    }

    private static void assertLimited(ApiClient.Answer answer, String code) {
        assertEquals(429, answer.status(), answer.body().toString());
        assertEquals(code, answer.body().path("error").asText(), answer.body().toString());
        long retry = Long.parseLong(answer.raw().headers().firstValue("Retry-After").orElse("0"));
        assertTrue(retry > 3000 && retry <= 3600, "Retry-After " + retry);
        assertEquals(retry, answer.body().path("retryAfter").asLong(), answer.body().toString());
    }
}
