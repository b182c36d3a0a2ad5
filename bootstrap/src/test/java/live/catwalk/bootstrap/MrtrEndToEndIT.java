package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Multi-round-trip requests of a 2026-07-28 client, over raw HTTP, to the 2025 conformance fixture behind the
 * gateway, in both session modes: a tool that asks twice runs to its end over three requests; a forged
 * {@code requestState} gets {@code -32602} while the genuine one still resumes (once); a request whose client does
 * not come back within {@code CATWALK_MCP_INPUT_WAIT} is cancelled at the server and its state refused as expired;
 * a client that hangs up mid-call has the call cancelled at the server (found gone at the next write to its stream,
 * a heartbeat at the latest: {@code CATWALK_SSE_HEARTBEAT}, 250 ms here). What the server was told to cancel is read
 * from the file the fixture appends each {@code notifications/cancelled} it reads to.
 */
class MrtrEndToEndIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "2026-07-28";
    private static final Duration ANSWER = Duration.ofSeconds(30);
    private static final String CANCELLATIONS_FILE = "FIXTURE_CANCELLATIONS_FILE";

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicInteger ids = new AtomicInteger();
    private String url;

    @ParameterizedTest
    @ValueSource(strings = {"shared", "isolated"})
    void roundsRunToTheEndAForgedStateIsRefusedAndAHangUpCancels(String mode) throws Exception {
        Path cancellations = temp.resolve("cancelled.jsonl");
        // The gateway finds a client gone when a write to it fails: a short heartbeat makes that quick.
        try (CatwalkProcess catwalk = McpConformanceIT.fixtureBehindGateway(temp, mode,
                Map.of("CATWALK_SSE_HEARTBEAT", "250ms"), Map.of(CANCELLATIONS_FILE, cancellations.toString()))) {
            url = McpConformanceIT.fixtureUrl(catwalk);

            // (a) Two questions, one round each, then the result.
            JsonNode round1 = call("test_input_required_result_multi_round", null, null);
            JsonNode step1 = onlyQuestion(round1, "elicitation/create");
            assertEquals("Step 1: What is your name?", step1.path("params").path("message").asText(), round1::toString);
            JsonNode round2 = call("test_input_required_result_multi_round", answers(round1, accept("name", "Ada")),
                    state(round1));
            JsonNode step2 = onlyQuestion(round2, "elicitation/create");
            assertEquals("Step 2: What is your favorite color?", step2.path("params").path("message").asText(),
                    round2::toString);
            assertNotEquals(state(round1), state(round2), "each round has a state of its own");
            JsonNode done = call("test_input_required_result_multi_round", answers(round2, accept("color", "green")),
                    state(round2));
            assertEquals("Ada likes green.", text(done), done::toString);
            assertEquals("complete", done.path("result").path("resultType").asText(), done::toString);

            // (b) A forged state is refused in-band; the genuine one still resumes, once.
            JsonNode asked = call("test_input_required_result_tampered_state", null, null);
            onlyQuestion(asked, "elicitation/create");
            ObjectNode confirmed = answers(asked, accept("ok", true));
            JsonNode forged = call("test_input_required_result_tampered_state", confirmed, state(asked) + "-TAMPERED");
            assertEquals(-32602, forged.path("error").path("code").asInt(), forged::toString);
            JsonNode resumed = call("test_input_required_result_tampered_state", confirmed, state(asked));
            assertEquals("Confirmed: true", text(resumed), resumed::toString);
            JsonNode replayed = call("test_input_required_result_tampered_state", confirmed, state(asked));
            assertEquals(-32602, replayed.path("error").path("code").asInt(), replayed::toString);

            // (d) A client that hangs up while its call runs: the server is told to cancel it.
            assertEquals(0, lines(cancellations), "nothing was cancelled so far");
            hangUpAfterFirstEvent("test_block_until_cancelled");
            awaitLines(cancellations, 1, catwalk);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"shared", "isolated"})
    void aClientThatDoesNotComeBackInTimeFindsItsStateExpired(String mode) throws Exception {
        Path cancellations = temp.resolve("cancelled.jsonl");
        try (CatwalkProcess catwalk = McpConformanceIT.fixtureBehindGateway(temp, mode,
                Map.of("CATWALK_MCP_INPUT_WAIT", "2s"), Map.of(CANCELLATIONS_FILE, cancellations.toString()))) {
            url = McpConformanceIT.fixtureUrl(catwalk);

            JsonNode asked = call("test_input_required_result_request_state", null, null);
            onlyQuestion(asked, "elicitation/create");
            // The wait is 2 s; the gateway's upkeep looks for expired waits every second, and cancels at the server.
            awaitLines(cancellations, 1, catwalk);
            JsonNode late = call("test_input_required_result_request_state", answers(asked, accept("ok", true)),
                    state(asked));
            assertEquals(-32602, late.path("error").path("code").asInt(), late::toString);
            assertTrue(late.path("error").path("message").asText().contains("expired"), late::toString);
        }
    }

    /** Calls {@code tool} as a 2026-07-28 client that can elicit; a retry carries {@code responses} and {@code state}. */
    private JsonNode call(String tool, ObjectNode responses, String state) throws IOException, InterruptedException {
        int id = ids.incrementAndGet();
        HttpResponse<InputStream> response = http.send(post(tool, id, responses, state, null),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode(), () -> "HTTP status of " + tool);
        try (InputStream body = response.body()) {
            boolean events = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
            if (!events) {
                return JSON.readTree(body);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data:")) {
                    JsonNode message = JSON.readTree(line.substring(5).strip());
                    if (message.path("id").asInt(-1) == id && !message.has("method")) {
                        return message;
                    }
                }
            }
            throw new AssertionError("the event stream of " + tool + " ended without its answer");
        }
    }

    /**
     * Calls {@code tool} with a progress token over a socket of its own, reads up to the first event of the answer's
     * stream, and closes the socket: the client is gone before the call ends.
     */
    private void hangUpAfterFirstEvent(String tool) throws IOException {
        int id = ids.incrementAndGet();
        HttpRequest request = post(tool, id, null, null, "hang-up-" + id);
        URI uri = request.uri();
        byte[] body = body(tool, id, null, null, "hang-up-" + id).getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST " + uri.getRawPath() + "?" + uri.getRawQuery() + " HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        request.headers().map().forEach((name, values) -> head.append(name).append(": ").append(values.getFirst())
                .append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) ANSWER.toMillis());
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            String status = reader.readLine();
            assertTrue(status != null && status.contains(" 200 "), "status line: " + status);
            StringBuilder seen = new StringBuilder();
            String line = reader.readLine();
            while (line != null && !line.startsWith("data:")) {
                seen.append(line).append('\n');
                line = reader.readLine();
            }
            assertTrue(seen.toString().toLowerCase(java.util.Locale.ROOT).contains("text/event-stream"),
                    "a progress notification first makes the answer a stream: " + seen);
            assertTrue(line != null && line.contains("notifications/progress"), "first event: " + line);
        } // closed here, before the call ends
    }

    private HttpRequest post(String tool, int id, ObjectNode responses, String state, String progressToken)
            throws IOException {
        return HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", VERSION)
                .header("Mcp-Method", "tools/call")
                .header("Mcp-Name", tool)
                .POST(HttpRequest.BodyPublishers.ofString(body(tool, id, responses, state, progressToken))).build();
    }

    private static String body(String tool, int id, ObjectNode responses, String state, String progressToken)
            throws IOException {
        ObjectNode params = JSON.createObjectNode().put("name", tool);
        params.putObject("arguments");
        ObjectNode meta = params.putObject("_meta").put("io.modelcontextprotocol/protocolVersion", VERSION);
        meta.putObject("io.modelcontextprotocol/clientCapabilities").putObject("elicitation");
        meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "mrtr-it").put("version", "1.0.0");
        if (progressToken != null) {
            meta.put("progressToken", progressToken);
        }
        if (responses != null) {
            params.set("inputResponses", responses);
            params.put("requestState", state);
        }
        ObjectNode request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", "tools/call");
        request.set("params", params);
        return JSON.writeValueAsString(request);
    }

    /** The one question of an input_required result, asserted to be a {@code method} request. */
    private static JsonNode onlyQuestion(JsonNode response, String method) {
        JsonNode result = response.path("result");
        assertEquals("input_required", result.path("resultType").asText(), response::toString);
        assertEquals(1, result.path("inputRequests").size(), response::toString);
        assertTrue(result.path("requestState").asText().length() > 16, response::toString);
        JsonNode question = result.path("inputRequests").elements().next();
        assertEquals(method, question.path("method").asText(), response::toString);
        return question;
    }

    /** {@code answer} under the key of the one question of {@code asked}. */
    private static ObjectNode answers(JsonNode asked, ObjectNode answer) {
        ObjectNode responses = JSON.createObjectNode();
        responses.set(asked.path("result").path("inputRequests").fieldNames().next(), answer);
        return responses;
    }

    private static ObjectNode accept(String field, Object value) {
        ObjectNode answer = JSON.createObjectNode().put("action", "accept");
        answer.set("content", JSON.createObjectNode().set(field, JSON.valueToTree(value)));
        return answer;
    }

    private static String state(JsonNode response) {
        return response.path("result").path("requestState").asText();
    }

    private static String text(JsonNode response) {
        return response.path("result").path("content").path(0).path("text").asText();
    }

    private static int lines(Path file) throws IOException {
        return Files.exists(file) ? (int) Files.readAllLines(file).stream().filter(l -> !l.isBlank()).count() : 0;
    }

    /** Waits until {@code file} has {@code n} lines, each a {@code notifications/cancelled}. */
    private static void awaitLines(Path file, int n, CatwalkProcess catwalk) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (lines(file) < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<String> seen = Files.exists(file) ? Files.readAllLines(file) : List.of();
        assertEquals(n, lines(file), () -> "notifications/cancelled the server read: " + seen + "\nCatwalk's log:\n"
                + String.join("\n", catwalk.stderr().subList(Math.max(0, catwalk.stderr().size() - 30),
                catwalk.stderr().size())));
        assertTrue(seen.stream().filter(l -> !l.isBlank()).allMatch(l -> l.contains("notifications/cancelled")),
                seen::toString);
    }
}
