package live.catwalk.adapters.rest.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.adapters.rest.mcp.RawHttp.Reply;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.mcp.engine.McpEndpoints;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.mcp.usecase.ServeMcpService;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The 2026-07-28 rules of mcp-2026.md §2 over real HTTP (raw bytes, JDK HttpClient for streams), against the real edge
 * and a fake 2025 server: status, JSON-RPC code, and what reached the server. Each test names its rule.
 */
class ModernHttpRulesIT {

    private static final String TOKEN = McpHttpRulesIT.TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODERN = "2026-07-28";
    private static final String CLAIM = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private final FakeStdioServers servers = new FakeStdioServers();
    private McpEndpoints endpoints;
    private RestServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        GatewaySettings settings = McpHttpRulesIT.settings();
        endpoints = McpHttpRulesIT.endpointsOver(servers, settings);
        McpAccess access = McpAccess.bearer((deployment, token) -> token.equals(Optional.of(TOKEN))
                ? Optional.of("user") : Optional.empty());
        DeploymentStates states = deployment -> switch (deployment) { // only asked for deployments not started here
            case "stopped" -> Optional.of(new DeploymentStates.Stored(DesiredState.STOPPED, DeploymentStatus.STOPPED,
                    Optional.empty()));
            case "cold" -> Optional.of(new DeploymentStates.Stored(DesiredState.RUNNING, DeploymentStatus.STARTING,
                    Optional.empty()));
            default -> Optional.empty();
        };
        server = RestServer.builder("127.0.0.1", 0).maxBodyBytes(1024 * 1024)
                .mcpEndpoint(new ServeMcpService(settings, GatewayLimits.defaults(), access, states, endpoints),
                        Duration.ofMillis(200))
                .build();
        base = server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ZERO);
        endpoints.close();
    }

    /** A 2026-07-28 request: the claim with empty capabilities, then {@code params} (JSON members, may be empty). */
    static String modern(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + JSON.valueToTree(id) + ",\"method\":\"" + method + "\",\"params\":{"
                + CLAIM + (params.isEmpty() ? "" : "," + params) + "}}";
    }

    /** A modern request's headers: version, {@code Mcp-Method} and {@code Mcp-Name} (when not null). */
    static Map<String, String> headers(String method, String name) {
        Map<String, String> h = new LinkedHashMap<>(McpHttpRulesIT.headers(null));
        h.put("MCP-Protocol-Version", MODERN);
        if (method != null) {
            h.put("Mcp-Method", method);
        }
        if (name != null) {
            h.put("Mcp-Name", name);
        }
        return h;
    }

    private Reply post(Map<String, String> headers, String body) throws IOException {
        return RawHttp.send(base, "POST", "/mcp/dep", headers, body);
    }

    private Reply call(String name, Map<String, String> headers) throws IOException {
        return post(headers, modern(1, "tools/call", "\"name\":\"" + name + "\",\"arguments\":{\"text\":\"hi\"}"));
    }

    /** Asserts an error answer and returns its {@code error} member. */
    private static JsonNode refused(Reply reply, int status, int code) throws IOException {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(String.valueOf(reply.header("Content-Type")).startsWith("application/json"), reply::toString);
        JsonNode error = JSON.readTree(reply.body()).path("error");
        assertEquals(code, error.path("code").asInt(), reply::body);
        return error;
    }

    private static JsonNode result(Reply reply) throws IOException {
        assertEquals(200, reply.status(), reply::toString);
        JsonNode result = JSON.readTree(reply.body()).path("result");
        assertEquals("complete", result.path("resultType").asText(), reply::body);
        assertNull(reply.header("Mcp-Session-Id"), "rule 3: no session is minted or echoed on a modern request");
        return result;
    }

    /** How many messages with {@code method} the fake server received, over all its processes. */
    private long received(String method) {
        return servers.started().stream().flatMap(c -> c.receivedSoFar().stream())
                .filter(m -> method.equals(m.path("method").asText())).count();
    }

    @Test
    @DisplayName("rule 2: GET, DELETE and a posted response stay 2025 whatever MCP-Protocol-Version says")
    void getDeleteAndResponsesStaySessionful() throws IOException {
        for (String method : List.of("GET", "DELETE")) {
            Map<String, String> h = headers(null, null);
            h.put("Accept", "application/json, text/event-stream");
            JsonNode error = refused(RawHttp.send(base, method, "/mcp/dep", h, null), 400, -32000);
            assertTrue(error.path("message").asText().contains("Mcp-Session-Id"), method + ": the 2025 answer " + error);
        }
        refused(post(headers(null, null), "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}"), 400, -32000);
    }

    @Test
    @DisplayName("rule 2: a modern header without a body claim is 400 -32602; initialize with it is 400 -32020")
    void aModernHeaderWithoutAClaim() throws IOException {
        long before = received("initialize"); // the gateway's own, if the process is up
        refused(post(headers("tools/list", null), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}"),
                400, -32602);
        refused(post(headers("initialize", null), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"r\",\"version\":"
                + "\"1\"}}}"), 400, -32020);
        assertEquals(before, received("initialize"), "no initialize reached the server");
    }

    @Test
    @DisplayName("rules 2, 6: a claim without clientCapabilities is 400 -32602, never served")
    void aClaimWithoutCapabilities() throws IOException {
        String body = modern(1, "tools/list", "").replace(",\"io.modelcontextprotocol/clientCapabilities\":{}", "");
        refused(post(headers("tools/list", null), body), 400, -32602);
        assertEquals(0, received("tools/list"));
    }

    @Test
    @DisplayName("rules 2, 8: a claim of v999.0.0 with the same header is 400 -32022, supported ⊆ discover, echoed")
    void anUnknownClaimedVersion() throws IOException {
        Map<String, String> h = headers("tools/list", null);
        h.put("MCP-Protocol-Version", "v999.0.0");
        JsonNode error = refused(post(h, modern(1, "tools/list", "").replace(MODERN, "v999.0.0")), 400, -32022);

        assertEquals("v999.0.0", error.path("data").path("requested").asText());
        JsonNode discovered = result(post(headers("server/discover", null), modern(2, "server/discover", "")));
        assertEquals(List.of(MODERN), JSON.convertValue(error.path("data").path("supported"), List.class));
        error.path("data").path("supported").forEach(v -> assertTrue(
                discovered.path("supportedVersions").toString().contains(v.toString()), discovered::toString));
    }

    @Test
    @DisplayName("rules 2, 7, 9: header ≠ claim, no version header, no or another Mcp-Method: 400 -32020")
    void headersThatDisagreeWithTheBody() throws IOException {
        String v999 = modern(1, "tools/list", "").replace(MODERN, "v999.0.0");
        refused(post(headers("tools/list", null), v999), 400, -32020); // CONF: mismatch before support
        Map<String, String> noVersion = headers("tools/list", null);
        noVersion.remove("MCP-Protocol-Version");
        refused(post(noVersion, modern(1, "tools/list", "")), 400, -32020);
        refused(post(headers(null, null), modern(1, "tools/list", "")), 400, -32020);
        refused(post(headers("prompts/list", null), modern(1, "tools/list", "")), 400, -32020);
        assertEquals(0, received("tools/list"));
    }

    @Test
    @DisplayName("rules 2, 10: header values are trimmed; names are case-insensitive; values are case-sensitive")
    void headerWhitespaceAndCase() throws IOException {
        Map<String, String> spaced = headers(null, null);
        spaced.put("MCP-Protocol-Version", "  2026-07-28\t");
        spaced.put("Mcp-Method", " \ttools/call  ");
        spaced.put("Mcp-Name", "   echo ");
        assertEquals("hi", result(call("echo", spaced)).path("content").path(0).path("text").asText());

        for (String[] names : List.of(new String[]{"mcp-protocol-version", "mcp-method", "mcp-name"},
                new String[]{"MCP-PROTOCOL-VERSION", "MCP-METHOD", "MCP-NAME"})) {
            Map<String, String> h = McpHttpRulesIT.headers(null);
            h.put(names[0], MODERN);
            h.put(names[1], "tools/call");
            h.put(names[2], "echo");
            result(call("echo", h));
        }

        Map<String, String> upper = headers("TOOLS/LIST", null);
        refused(post(upper, modern(1, "tools/list", "")), 400, -32020);
        refused(call("echo", headers("tools/call", "ECHO")), 400, -32020);
    }

    @Test
    @DisplayName("rule 3: Mcp-Session-Id (unknown or a live 2025 one) and Last-Event-ID are ignored; none minted")
    void sessionIdAndLastEventIdAreIgnored() throws IOException {
        Map<String, String> unknown = headers("tools/list", null);
        unknown.put("Mcp-Session-Id", "never-issued-session-id");
        unknown.put("Last-Event-ID", "never-issued-event");
        assertTrue(result(post(unknown, modern(1, "tools/list", ""))).path("tools").isArray());

        String session = RawHttp.send(base, "POST", "/mcp/dep", McpHttpRulesIT.headers(null),
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
                        + "\"capabilities\":{},\"clientInfo\":{\"name\":\"r\",\"version\":\"1\"}}}").header("Mcp-Session-Id");
        Map<String, String> live = headers("tools/call", "echo");
        live.put("Mcp-Session-Id", session);
        result(call("echo", live));
        Reply sessionful = RawHttp.send(base, "POST", "/mcp/dep", McpHttpRulesIT.headers(session),
                McpHttpRulesIT.call(2, "echo"));
        assertEquals(200, sessionful.status(), "the 2025 session is untouched: " + sessionful);
    }

    @Test
    @DisplayName("rule 3: a modern request with a stale Mcp-Session-Id waits for a starting deployment like any other")
    void aStaleSessionIdDoesNotRefuseAModernRequestToAStartingDeployment() throws Exception {
        Thread starter = Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            }
            endpoints.register("cold", new ServerCommand(List.of("fake"), Map.of()), SessionMode.SHARED);
        });
        Map<String, String> h = headers("tools/list", null);
        h.put("Mcp-Session-Id", "a-session-of-an-earlier-process");
        Reply reply = RawHttp.send(base, "POST", "/mcp/cold", h, modern(1, "tools/list", ""));
        starter.join();

        assertTrue(result(reply).path("tools").isArray());
    }

    @Test
    @DisplayName("rule 5: methods the revision removed or never had are 404 -32601 and never reach the server")
    void removedAndUnknownMethods() throws IOException {
        result(post(headers("tools/list", null), modern(0, "tools/list", ""))); // the server is up and initialized
        for (String method : List.of("initialize", "ping", "logging/setLevel", "resources/subscribe",
                "resources/unsubscribe", "unknown/method")) {
            long before = received(method);
            refused(post(headers(method, null), modern(1, method, "")), 404, -32601);
            assertEquals(before, received(method), method + " reached the server");
        }
    }

    @Test
    @DisplayName("rules 9, 10: Mcp-Name missing or different is 400 -32020; base64 is decoded; bad base64 is 400")
    void mcpName() throws IOException {
        Map<String, String> bodies = Map.of("tools/call", "\"name\":\"echo\"", "prompts/get", "\"name\":\"greet\"",
                "resources/read", "\"uri\":\"file:///a.txt\"");
        for (var body : bodies.entrySet()) {
            refused(post(headers(body.getKey(), null), modern(1, body.getKey(), body.getValue())), 400, -32020);
            refused(post(headers(body.getKey(), "other"), modern(1, body.getKey(), body.getValue())), 400, -32020);
            assertEquals(0, received(body.getKey()), body.getKey() + " reached the server");
        }
        String encoded = "=?base64?" + Base64.getEncoder().encodeToString("echo".getBytes(StandardCharsets.UTF_8)) + "?=";
        result(call("echo", headers("tools/call", encoded)));
        String uri = "file:///caf\u00e9.txt";
        Reply read = post(headers("resources/read", "=?base64?" + Base64.getEncoder().encodeToString(
                uri.getBytes(StandardCharsets.UTF_8)) + "?="), modern(2, "resources/read", "\"uri\":\"" + uri + "\""));
        assertEquals(1, received("resources/read"), "a non-ASCII URI in base64 passes: " + read);
        for (String bad : List.of("=?base64?ZWNobw!!?=", "=?base64?ZWNob===?=", "=?base64?/w==?=")) {
            refused(call("echo", headers("tools/call", bad)), 400, -32020);
        }
        assertEquals(1, received("tools/call"));
    }

    @Test
    @DisplayName("rules 12, 13: a foreign Origin is 403 (server/discover too), a foreign Host 421, a bad Accept 406")
    void edgeChecks() throws IOException {
        for (String method : List.of("tools/list", "server/discover")) {
            Map<String, String> h = headers(method, null);
            h.put("Origin", "https://evil.example.com");
            refused(post(h, modern(1, method, "")), 403, -32000);
            Map<String, String> host = headers(method, null);
            host.put("Host", "evil.example.com");
            refused(post(host, modern(1, method, "")), 421, -32000);
        }
        Map<String, String> json = headers("tools/list", null);
        json.put("Accept", "application/json");
        refused(post(json, modern(1, "tools/list", "")), 406, -32000);
        assertEquals(0, received("tools/list"));
    }

    @Test
    @DisplayName("rule 14: a server request needing an undeclared capability is 400 -32021 with requiredCapabilities")
    void anUndeclaredCapability() throws IOException {
        JsonNode error = refused(call("sample", headers("tools/call", "sample")), 400, -32021);
        assertTrue(error.path("data").path("requiredCapabilities").has("sampling"), error::toString);
    }

    @Test
    @DisplayName("rule 15: a handler's error (unknown tool) stays in-band on HTTP 200")
    void aHandlersErrorIsInBand() throws IOException {
        Reply reply = call("nope", headers("tools/call", "nope"));
        refused(reply, 200, -32602);
        assertEquals(1, JSON.readTree(reply.body()).path("id").asInt());
        assertEquals(1, received("tools/call"));
    }

    @Test
    @DisplayName("rules 15, 16: the server's -32002 (resource not found) is -32602 with data.uri, in-band")
    void aMissingResourceIsInvalidParamsWithItsUri() throws IOException {
        String uri = "file:///missing.txt";
        JsonNode error = refused(post(headers("resources/read", uri), modern(1, "resources/read",
                "\"uri\":\"" + uri + "\"")), 200, -32602);
        assertEquals(uri, error.path("data").path("uri").asText(), error::toString);
    }

    @Test
    @DisplayName("rule 16: no -32002 on a modern request, not even for a stopped deployment")
    void noMinus32002ForAStoppedDeployment() throws IOException {
        Reply reply = RawHttp.send(base, "POST", "/mcp/stopped", headers("tools/list", null), modern(1, "tools/list", ""));
        assertEquals(503, reply.status(), reply::toString);
        assertEquals(-32603, JSON.readTree(reply.body()).path("error").path("code").asInt(), reply::body);
    }

    @Test
    @DisplayName("rules 21, 24: a slow answer comes as an SSE stream; closing it cancels the request at the server")
    void closingTheStreamCancels() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("mcp/dep")).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(modern(9, "tools/call", "\"name\":\"slow\",\"arguments\":{}")));
        headers("tools/call", "slow").forEach(request::header);

        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no", response.headers().firstValue("X-Accel-Buffering").orElse(""));
        assertTrue(response.headers().firstValue("Mcp-Session-Id").isEmpty(), "rule 3");
        ObjectNode toServer = servers.last().nextReceived("tools/call");

        response.body().close();

        ObjectNode cancelled = servers.last().nextReceived("notifications/cancelled");
        assertEquals(toServer.path("id"), cancelled.path("params").path("requestId"), cancelled::toString);
    }

    @Test
    @DisplayName("rules 21, 22: progress and then the answer on the request's own stream, which then ends")
    void progressThenTheAnswerOnTheStream() throws IOException {
        Reply reply = post(headers("tools/call", "progress"), modern(4, "tools/call", "\"name\":\"progress\","
                + "\"arguments\":{}").replace("\"io.modelcontextprotocol/clientCapabilities\":{}",
                "\"io.modelcontextprotocol/clientCapabilities\":{},\"progressToken\":\"p\""));
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(reply.header("Content-Type").startsWith("text/event-stream"), reply::toString);
        List<JsonNode> messages = reply.body().lines().filter(l -> l.startsWith("data:") && l.length() > 6)
                .map(l -> {
                    try {
                        return JSON.readTree(l.substring(5).strip());
                    } catch (IOException e) {
                        throw new AssertionError(l, e);
                    }
                }).toList();
        assertEquals(3, messages.size(), reply::body);
        assertEquals("notifications/progress", messages.getFirst().path("method").asText());
        assertEquals(4, messages.getLast().path("id").asInt());
        assertEquals("complete", messages.getLast().path("result").path("resultType").asText());
    }

    @Test
    @DisplayName("rule 16: a server exiting mid-request is neither -32602 (the params were fine) nor -32002")
    void aServerThatExitsIsNotInvalidParams() throws Exception {
        Thread crasher = Thread.ofVirtual().start(() -> {
            try {
                servers.last().nextReceived("tools/call");
                servers.last().crash(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Reply reply = post(headers("tools/call", "slow"), modern(7, "tools/call", "\"name\":\"slow\",\"arguments\":{}"));
        crasher.join();

        int code = JSON.readTree(reply.body()).path("error").path("code").asInt();
        assertEquals(-32603, code, reply::toString);
    }

    @Test
    @DisplayName("rule 24: a posted notification with a modern claim is 202, empty, and not carried to the server")
    void aModernNotificationIs202() throws IOException {
        Reply reply = post(headers("notifications/progress", null), "{\"jsonrpc\":\"2.0\",\"method\":"
                + "\"notifications/progress\",\"params\":{" + CLAIM + ",\"progressToken\":\"p\",\"progress\":1}}");
        assertEquals(202, reply.status(), reply::toString);
        assertEquals("", reply.body());
        assertNull(reply.header("Mcp-Session-Id"));
        assertEquals(0, received("notifications/progress"));
    }
}
