package live.catwalk.bootstrap.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A Catwalk server's API as the CLI calls it: JSON in and out with the stored token; an answer other than 2xx
 * becomes a {@link CliFailure} with the server's message and hint (the problem JSON every error carries).
 */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI server;
    private final String token;

    ApiClient(URI server, String token) {
        this.server = server;
        this.token = token;
    }

    /** The server this client talks to. */
    URI server() {
        return server;
    }

    JsonNode get(String path) {
        return send(request(path).GET());
    }

    JsonNode post(String path, Object body) {
        return send(request(path).POST(json(body)).header("Content-Type", "application/json"));
    }

    JsonNode delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(server.resolve(path)).timeout(TIMEOUT).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token).header("User-Agent", "catwalk-cli");
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalStateException("a request body is always JSON", e);
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CliFailure("cannot reach " + server + " (" + e.getClass().getSimpleName()
                    + "); check the server with 'catwalk login --server URL'");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new CliFailure(problem(response.statusCode(), body));
        }
        return body;
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    /** The server's problem as lines for a person: its message, each listed problem, and its hint. */
    private static String problem(int status, JsonNode body) {
        StringBuilder text = new StringBuilder(body.path("message").asText("the server answered HTTP " + status));
        for (JsonNode p : body.path("problems")) {
            text.append("\n  ").append(p.path("field").asText()).append(": ").append(p.path("message").asText());
            if (p.hasNonNull("hint")) {
                text.append(" (").append(p.path("hint").asText()).append(')');
            }
        }
        if (body.hasNonNull("hint")) {
            text.append("\n  hint: ").append(body.path("hint").asText());
        }
        if (status == 401) {
            text.append("\n  hint: log in again with 'catwalk login --server URL'");
        }
        return text.toString();
    }
}
