package live.catwalk.adapters.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import live.catwalk.core.health.domain.HealthStatus;
import org.junit.jupiter.api.Test;

/** The server itself: health, virtual threads, the port, h2c, and a graceful stop. */
class RestServerIT extends RestServerHarness {

    @Test
    void healthAnswersOkWithVersionAndComponents() throws Exception {
        HttpResponse<String> response = get("api/health");

        assertEquals(200, response.statusCode());
        assertJson(response);
        JsonNode body = JSON.readTree(response.body());
        assertEquals("ok", body.path("status").asText());
        assertEquals("9.9.9", body.path("version").asText());
        assertEquals("ok", body.path("components").path("database").path("status").asText());
        assertEquals("h2", body.path("components").path("database").path("detail").asText());
    }

    @Test
    void healthAnswers503WhenAComponentIsDown() throws Exception {
        databaseStatus = HealthStatus.DOWN;

        HttpResponse<String> response = get("api/health");

        assertEquals(503, response.statusCode());
        assertEquals("down", JSON.readTree(response.body()).path("status").asText());
    }

    @Test
    void requestsRunOnVirtualThreads() throws Exception {
        assertEquals("virtual", get("test/thread").body());
    }

    @Test
    void stopLetsInFlightRequestsFinishRefusesNewOnesAndShutsJerseyDown() throws Exception {
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(
                HttpRequest.newBuilder(base.resolve("test/slow?ms=1500")).build(), BodyHandlers.ofString());
        assertTrue(testResource.slowStarted.await(5, TimeUnit.SECONDS), "the slow request never started");

        server.stop(Duration.ofSeconds(5));

        HttpResponse<String> finished = slow.get(5, TimeUnit.SECONDS);
        assertEquals(200, finished.statusCode());
        assertEquals("slow-done", finished.body());
        assertTrue(jerseyShutDown.get(), "Jersey's onShutdown did not run");
        assertThrows(ConnectException.class, () -> new Socket(base.getHost(), base.getPort()).close());
    }

    @Test
    void anH2cUpgradeRequestIsServedAsPlainHttp11WithItsBodyAndContentType() throws Exception {
        HttpClient upgrading = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String json = "{\"name\":\"upgrade\",\"quantity\":7}";

        HttpResponse<String> response = upgrading.send(HttpRequest.newBuilder(base.resolve("test/orders"))
                .POST(BodyPublishers.ofString(json)).header("Content-Type", "application/json").build(),
                BodyHandlers.ofString());

        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
        assertEquals(200, response.statusCode());
        assertJson(response);
        assertEquals(7, JSON.readTree(response.body()).path("quantity").asInt());
    }

    @Test
    void portZeroBindsAFreePortAndReportsIt() {
        assertTrue(base.getPort() > 0);
        assertEquals("127.0.0.1", base.getHost());
    }

}
