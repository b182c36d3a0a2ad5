package live.catwalk.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** The control-plane API as a test calls it: JSON in and out with a bearer token. */
final class ApiClient {

    /** A response: its status and its body as JSON (a missing node for an empty body). */
    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;

    ApiClient(URI base) {
        this.base = base;
    }

    /** The server's base URL. */
    URI base() {
        return base;
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    Answer post(String path, String token, Object body) throws IOException, InterruptedException {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Answer put(String path, String token, Object body) throws IOException, InterruptedException {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Answer delete(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).DELETE());
    }

    Answer raw(String method, String path, String token, String body) throws IOException, InterruptedException {
        return send(request(path, token).method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Waits until deployment {@code id} reports {@code status}, polling every 100 ms; fails after {@code within}
     * with the deployment and its events as last seen.
     */
    void awaitStatus(String id, String token, String status, Duration within) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = get("/api/deployments/" + id, token).body();
            if (status.equals(last.path("status").asText())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not " + status + " within " + within + ": " + last + "; events: "
                + get("/api/deployments/" + id + "/events", token).body());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());
        JsonNode body = response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body());
        return new Answer(response.statusCode(), body, response);
    }
}
