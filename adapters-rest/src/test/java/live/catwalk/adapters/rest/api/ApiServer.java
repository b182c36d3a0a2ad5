package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import live.catwalk.adapters.rest.HealthResource;
import live.catwalk.adapters.rest.RateLimits;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.adapters.rest.RestServerBuilder;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.health.domain.HealthReport;
import live.catwalk.core.health.domain.HealthStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A real server on a random port over {@link FakeControlPlane}, and an HTTP client that speaks as Alice. */
abstract class ApiServer {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long MAX_BODY = 16 * 1024;
    /** A Host name the server accepts besides loopback, as a reverse proxy's would be. */
    static final String ALLOWED_PROXY_HOST = "proxy.example";

    final FakeControlPlane fake = new FakeControlPlane();
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    RestServer server;
    URI base;

    /** The OAuth authorization server, for the tests that serve it; none by default. */
    Optional<live.catwalk.adapters.rest.oauth.AuthorizationServer> authorizationServer() {
        return Optional.empty();
    }

    /** Whether a deployment id, as a path names it, exists (for the resource metadata): the fake's deployments. */
    boolean deploymentExists(String id) {
        return fake.deployments.keySet().stream().anyMatch(d -> d.value().equals(id));
    }

    /** The event streams' timings: production's unless a test needs them shorter. */
    EventStreams eventStreams() {
        return EventStreams.standard();
    }

    /** The edge's rate limits: none unless a test sets them; their windows run on {@link #clock}. */
    RateLimits rateLimits() {
        return RateLimits.none();
    }

    final MutableClock clock = new MutableClock(FakeControlPlane.T0);

    /** Empty: links are built on the address the server is bound to. */
    Optional<URI> publicUrl() {
        return Optional.empty();
    }

    @BeforeEach
    void startServer() throws IOException {
        RestServerBuilder builder = RestServer.builder("127.0.0.1", 0);
        authorizationServer().ifPresent(builder::authorizationServer);
        server = builder
                .maxBodyBytes(MAX_BODY)
                .allowedHosts(Set.of(ALLOWED_PROXY_HOST))
                .controlPlane(fake.controlPlane(publicUrl()))
                .eventStreams(eventStreams())
                .rateLimits(rateLimits(), clock)
                .register(new HealthResource(() -> new HealthReport(HealthStatus.OK, "1.0", Map.of())))
                .build();
        base = server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(Duration.ZERO);
    }

    HttpResponse<String> call(String method, String path, String json) throws Exception {
        return call(method, path, json, FakeControlPlane.ALICE_TOKEN);
    }

    HttpResponse<String> call(String method, String path, String json, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return call("GET", path, null);
    }

    JsonNode ok(HttpResponse<String> response, int status) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertJson(response);
        return JSON.readTree(response.body());
    }

    /** Creates an npm deployment as Alice and returns its JSON. */
    JsonNode createDeployment(String name) throws Exception {
        return ok(call("POST", "/api/deployments", """
                {"name": "%s", "package": {"registry": "npm", "name": "@acme/mcp", "version": "1.2.3"},
                 "env": {"API_KEY": "k-123"}}""".formatted(name)), 201);
    }

    static void assertJson(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/json"), "Content-Type: " + type + ", body: " + response.body());
    }

    static JsonNode assertProblem(HttpResponse<String> response, int status, String code) throws IOException {
        assertEquals(status, response.statusCode(), response.body());
        assertJson(response);
        JsonNode body = JSON.readTree(response.body());
        assertEquals(code, body.path("error").asText(), response.body());
        assertFalse(body.path("message").asText().isBlank(), response.body());
        return body;
    }
}
