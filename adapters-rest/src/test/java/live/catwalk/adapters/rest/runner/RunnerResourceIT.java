package live.catwalk.adapters.rest.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import live.catwalk.adapters.rest.RestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RunnerResourceIT {

    private static final String SECRET = "S3cretS3cretS3cretS3cretS3cretS3cret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicInteger asked = new AtomicInteger();
    private volatile Optional<RunnerReport.Exit> lastExit = Optional.empty();
    private RestServer server;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        RunnerReport report = new RunnerReport() {
            @Override
            public Status status() {
                return new Status(true, 2, lastExit, 42, 3, 1, 0);
            }

            @Override
            public List<String> logs(int lines) {
                asked.set(lines);
                return List.of("one", "two");
            }
        };
        server = RestServer.builder("127.0.0.1", 0).allowedHosts(java.util.Set.of("*"))
                .register(new RunnerResource(report, SECRET::equals)).register(new RunnerSecretFilter(SECRET::equals)).build();
        base = server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ZERO);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRouteNeedsTheSecretAndAnswers401ProblemJsonWithout() throws Exception {
        for (String path : List.of("status", "logs", "logs?lines=5", "no-such-route", "api/health")) {
            for (String token : new String[] {null, "wrong", SECRET + "x"}) {
                HttpResponse<String> response = get(path, token);
                assertEquals(401, response.statusCode(), path);
                assertTrue(response.headers().firstValue("Content-Type").orElse("").contains("json"), path);
                assertEquals("unauthorized", JSON.readTree(response.body()).path("error").asText(), response.body());
            }
        }
        assertEquals(0, asked.get());
    }

    @Test
    void statusReportsTheServerAndItsLastExit() throws Exception {
        JsonNode status = JSON.readTree(get("status", SECRET).body());
        assertTrue(status.path("alive").asBoolean());
        assertEquals(2, status.path("restarts").asInt());
        assertTrue(status.has("lastExit") && status.path("lastExit").isNull(), status.toString());
        assertEquals(42, status.path("uptimeSeconds").asInt());
        assertEquals(3, status.path("sessions").asInt());
        assertEquals(1, status.path("inFlight").asInt());
        assertEquals(0, status.path("idleSeconds").asInt());
        lastExit = Optional.of(new RunnerReport.Exit(137, Instant.parse("2026-01-02T03:04:05Z")));
        status = JSON.readTree(get("status", SECRET).body());
        assertEquals(137, status.path("lastExit").path("code").asInt());
        assertEquals("2026-01-02T03:04:05Z", status.path("lastExit").path("at").asText());
    }

    @Test
    void logsAnswersLinesDefaulting100AndRefusesAnOutOfRangeCount() throws Exception {
        HttpResponse<String> response = get("logs", SECRET);
        assertEquals(200, response.statusCode());
        assertEquals("[\"one\",\"two\"]", JSON.readTree(response.body()).path("lines").toString());
        assertEquals(100, asked.get());
        assertEquals(200, get("logs?lines=1000", SECRET).statusCode());
        assertEquals(1000, asked.get());
        for (String lines : List.of("0", "1001", "-1", "ten", "99999")) {
            HttpResponse<String> refused = get("logs?lines=" + lines, SECRET);
            assertEquals(400, refused.statusCode(), lines);
            assertEquals("lines", JSON.readTree(refused.body()).path("field").asText(), refused.body());
        }
    }

    @Test
    void theRoutesStayClosedWithoutTheFilter() throws Exception {
        server.stop(Duration.ZERO);
        server = RestServer.builder("127.0.0.1", 0).allowedHosts(java.util.Set.of("*"))
                .register(new RunnerResource(new RunnerReport() {
                    @Override
                    public Status status() {
                        return new Status(true, 0, Optional.empty(), 0, 0, 0, 7);
                    }

                    @Override
                    public List<String> logs(int lines) {
                        return List.of();
                    }
                }, SECRET::equals)).build();
        base = server.start();
        assertEquals(401, get("status", "wrong").statusCode());
        assertEquals(401, get("logs", null).statusCode());
        assertEquals(200, get("status", SECRET).statusCode());
    }
}
