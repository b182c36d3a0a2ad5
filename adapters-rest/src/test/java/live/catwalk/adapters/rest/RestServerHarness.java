package live.catwalk.adapters.rest;

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
import java.util.concurrent.atomic.AtomicBoolean;
import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.domain.HealthReport;
import live.catwalk.core.health.domain.HealthStatus;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A RestServer on a free port with the health and test resources, and the helpers its tests share. */
abstract class RestServerHarness {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long MAX_BODY = 64 * 1024;

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final TestResource testResource = new TestResource();
    final AtomicBoolean jerseyShutDown = new AtomicBoolean();
    volatile HealthStatus databaseStatus = HealthStatus.OK;
    RestServer server;
    URI base;

    @BeforeEach
    void start() throws IOException {
        server = RestServer.builder("127.0.0.1", 0)
                .maxBodyBytes(MAX_BODY)
                .register(new HealthResource(() -> new HealthReport(databaseStatus, "9.9.9",
                        Map.of("database", new ComponentHealth(databaseStatus, "h2")))))
                .register(testResource)
                .register(new ShutdownListener(jerseyShutDown))
                .build();
        base = server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ZERO);
    }

    HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    HttpResponse<String> postJson(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .POST(BodyPublishers.ofString(json)).header("Content-Type", "application/json"));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
    }

    static void assertJson(HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.startsWith("application/json"), "Content-Type: " + type + ", body: " + response.body());
    }

    static JsonNode assertProblem(HttpResponse<String> response, String code) throws IOException {
        assertJson(response);
        JsonNode body = JSON.readTree(response.body());
        assertEquals(code, body.path("error").asText(), response.body());
        assertFalse(body.path("message").asText().isBlank(), response.body());
        return body;
    }

    /** Records that Jersey ran its shutdown, which only happens when the container is destroyed. */
    public static final class ShutdownListener implements ContainerLifecycleListener {

        private final AtomicBoolean shutDown;

        ShutdownListener(AtomicBoolean shutDown) {
            this.shutDown = shutDown;
        }

        @Override
        public void onStartup(Container container) {
        }

        @Override
        public void onReload(Container container) {
        }

        @Override
        public void onShutdown(Container container) {
            shutDown.set(true);
        }
    }
}

