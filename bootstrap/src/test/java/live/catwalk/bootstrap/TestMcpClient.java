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
import java.util.concurrent.atomic.AtomicInteger;

/** A minimal MCP client for tests: one session, requests answered as JSON or on an event stream. */
public final class TestMcpClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final URI endpoint;
    private final String token;
    private final AtomicInteger ids = new AtomicInteger();
    private String session;

    public TestMcpClient(URI endpoint, String token) {
        this.endpoint = endpoint;
        this.token = token;
    }

    /** initialize and notifications/initialized; returns this client, now in its session. */
    public TestMcpClient initialize() throws IOException, InterruptedException {
        HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"it\",\"version\":\"1\"}}}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("initialize: " + response.statusCode() + " " + response.body());
        }
        session = response.headers().firstValue("Mcp-Session-Id").orElseThrow();
        post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        return this;
    }

    /** The session's id, once {@link #initialize} made one. */
    public String session() {
        return session;
    }

    /** Calls a tool and returns the JSON-RPC response (result or error). */
    public JsonNode call(String tool, String arguments) throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\","
                + "\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}");
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("text/event-stream")) {
            return JSON.readTree(response.body());
        }
        for (String line : response.body().split("\n")) {
            if (line.startsWith("data: ") && line.length() > 6) {
                JsonNode message = JSON.readTree(line.substring(6));
                if (message.path("id").asInt(-1) == id) {
                    return message;
                }
            }
        }
        throw new IllegalStateException("no response with id " + id + " in: " + response.body());
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            request.header("Mcp-Session-Id", session);
        }
        return HTTP.send(request.build(), BodyHandlers.ofString());
    }
}
