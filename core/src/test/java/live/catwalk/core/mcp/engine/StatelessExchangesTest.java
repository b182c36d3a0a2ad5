package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.clientHeaders;
import static live.catwalk.core.mcp.engine.McpHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.fakes.FakeChannel;
import live.catwalk.core.mcp.fakes.FakeMcpServer;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.shared.domain.SessionMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 2026-07-28 requests on the same endpoint as 2025 sessions, served by a 2025 server: discovered from its
 * {@code initialize}, carried without a session, answered as the revision wants, refused by its rules.
 */
class StatelessExchangesTest {

    private McpHarness mcp;

    @AfterEach
    void close() {
        if (mcp != null) {
            mcp.close();
        }
    }

    /** A 2026-07-28 request with an empty capabilities claim (plus {@code extraMeta}) and {@code params}. */
    static String request(Object id, String method, String params, String extraMeta) {
        String idJson = id instanceof String s ? "\"" + s + "\"" : String.valueOf(id);
        String meta = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}" + extraMeta + "}";
        return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"" + method + "\",\"params\":{" + meta
                + (params.isEmpty() ? "" : "," + params) + "}}";
    }

    private McpHttpResponse post(String method, String name, String body) {
        return post(mcp, method, name, body, McpHarness.TOKEN);
    }

    /** Posts a 2026-07-28 request with its headers, as the holder of {@code token}. */
    static McpHttpResponse post(McpHarness mcp, String method, String name, String body, String token) {
        Map<String, String> headers = clientHeaders(null);
        headers.put("MCP-Protocol-Version", "2026-07-28");
        headers.put("Mcp-Method", method);
        if (name != null) {
            headers.put("Mcp-Name", name);
        }
        return mcp.serve.serve(McpHarness.request("POST", headers, body, token));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static JsonNode error(McpHttpResponse response, int status, int code) {
        assertEquals(status, response.status(), () -> McpHarness.body(response));
        JsonNode body = json(response);
        assertEquals(code, body.path("error").path("code").asInt(), body::toString);
        return body;
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void discoverIsAnsweredFromTheServersInitializeAndRequestsAreCompletedForTheRevision(SessionMode mode)
            throws InterruptedException {
        mcp = new McpHarness(mode);

        JsonNode discover = json(post("server/discover", null, request("d-1", "server/discover", "", "")));
        JsonNode result = discover.path("result");
        assertEquals("d-1", discover.path("id").asText());
        assertEquals("complete", result.path("resultType").asText());
        assertEquals(List.of("2026-07-28"), texts(result.path("supportedVersions")));
        assertTrue(result.path("capabilities").has("tools"), result.toString());
        assertTrue(result.path("_meta").path("io.modelcontextprotocol/serverInfo").has("name"), result.toString());
        assertEquals(0, result.path("ttlMs").asInt());
        assertEquals("private", result.path("cacheScope").asText());

        JsonNode list = json(post("tools/list", null, request(2, "tools/list", "", ""))).path("result");
        assertEquals("complete", list.path("resultType").asText(), list.toString());
        assertEquals("private", list.path("cacheScope").asText());
        assertTrue(list.path("tools").isArray());

        McpHttpResponse called = post("tools/call", "echo", request(3, "tools/call",
                "\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}", ""));
        JsonNode echoed = json(called);
        assertEquals(3, echoed.path("id").asInt());
        assertEquals("hi", echoed.path("result").path("content").path(0).path("text").asText());
        assertEquals("complete", echoed.path("result").path("resultType").asText());
        assertFalse(echoed.path("result").has("cacheScope"), "a tool's result carries no caching hints");
        assertFalse(called.headers().containsKey("Mcp-Session-Id"), "no session is minted");

        JsonNode toServer = mcp.servers.thatReceived("tools/call").receivedSoFar().stream()
                .filter(m -> "tools/call".equals(m.path("method").asText())).findFirst().orElseThrow();
        assertFalse(toServer.path("params").path("_meta").has("io.modelcontextprotocol/protocolVersion"),
                "the revision's _meta stays at the gateway: " + toServer);
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void theRevisionsRulesAreCheckedBeforeAnythingReachesTheServer(SessionMode mode) {
        mcp = new McpHarness(mode);

        Map<String, String> noVersion = clientHeaders(null);
        noVersion.put("Mcp-Method", "tools/list");
        error(mcp.postWith(noVersion, request(1, "tools/list", "", "")), 400, -32020);
        error(post("tools/call", null, request(2, "tools/call", "\"name\":\"echo\"", "")), 400, -32020);
        error(post("tools/call", "other", request(3, "tools/call", "\"name\":\"echo\"", "")), 400, -32020);
        JsonNode unsupported = error(post("tools/list", null, request(4, "tools/list", "", "")
                .replace("\"2026-07-28\"", "\"2026-01-01\"")), 400, -32020);
        assertEquals(4, unsupported.path("id").asInt(), "the header differs from the claim: a mismatch first");
        for (String removed : List.of("initialize", "ping", "logging/setLevel", "resources/subscribe", "nope/x")) {
            error(post(removed, null, request(5, removed, "", "")), 404, -32601);
        }
        String base64 = "=?base64?" + java.util.Base64.getEncoder().encodeToString("echo".getBytes()) + "?=";
        assertEquals(200, post("tools/call", base64, request(6, "tools/call",
                "\"name\":\"echo\",\"arguments\":{\"text\":\"b\"}", "")).status(), "Mcp-Name may be base64");
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void anUnsupportedClaimIsToldWhichRevisionsAreServed(SessionMode mode) {
        mcp = new McpHarness(mode);
        Map<String, String> headers = clientHeaders(null);
        headers.put("MCP-Protocol-Version", "2099-01-01");
        headers.put("Mcp-Method", "tools/list");

        JsonNode refused = error(mcp.postWith(headers, request(1, "tools/list", "", "")
                .replace("2026-07-28", "2099-01-01")), 400, -32022);

        assertEquals(List.of("2026-07-28"), texts(refused.path("error").path("data").path("supported")));
        assertEquals("2099-01-01", refused.path("error").path("data").path("requested").asText());
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void progressComesOnTheRequestsStreamAndLogsOnlyWhenAskedFor(SessionMode mode) throws Exception {
        mcp = new McpHarness(mode);

        McpHttpResponse progress = post("tools/call", "progress", request(1, "tools/call",
                "\"name\":\"progress\",\"arguments\":{}", ",\"progressToken\":\"p-1\""));
        List<SseFrame.Event> events = McpHarness.readAll(assertInstanceOf(McpHttpResponse.Stream.class, progress)
                .source());
        List<JsonNode> messages = events.stream().filter(e -> !e.data().isEmpty()).map(e -> JsonRpc.parse(e.data()))
                .toList();
        assertEquals(List.of("notifications/progress", "notifications/progress"), messages.subList(0, 2).stream()
                .map(m -> m.path("method").asText()).toList());
        assertEquals("p-1", messages.getFirst().path("params").path("progressToken").asText());
        assertEquals("complete", messages.getLast().path("result").path("resultType").asText(), messages.toString());

        JsonNode quiet = json(post("tools/call", "log", request(2, "tools/call", "\"name\":\"log\"", "")));
        assertEquals("logged", quiet.path("result").path("content").path(0).path("text").asText(),
                "without a log level the server's log message is dropped and the answer is plain JSON");

        McpHttpResponse loud = post("tools/call", "log", request(3, "tools/call", "\"name\":\"log\"",
                ",\"io.modelcontextprotocol/logLevel\":\"info\""));
        List<String> methods = McpHarness.readAll(assertInstanceOf(McpHttpResponse.Stream.class, loud).source())
                .stream().filter(e -> !e.data().isEmpty()).map(e -> JsonRpc.parse(e.data()).path("method").asText())
                .toList();
        assertEquals(List.of("notifications/message", ""), methods);
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void aListenStreamIsAcknowledgedAndCarriesOnlyWhatWasAskedTaggedWithItsId(SessionMode mode) throws Exception {
        mcp = new McpHarness(mode, McpHarness.fastSettings(), new FakeStdioServers(() -> {
            FakeMcpServer server = new FakeMcpServer();
            server.announcesChanges = true;
            return server;
        }));

        McpHttpResponse listening = post("subscriptions/listen", null, request("sub-1", "subscriptions/listen",
                "\"notifications\":{\"toolsListChanged\":true,\"promptsListChanged\":true,"
                        + "\"resourceSubscriptions\":[\"file:///a\"]}", ""));
        SseSource events = assertInstanceOf(McpHttpResponse.Stream.class, listening).source();

        JsonNode ack = JsonRpc.parse(McpHarness.nextMessage(events).data());
        assertEquals("notifications/subscriptions/acknowledged", ack.path("method").asText());
        assertEquals(JsonRpc.parse("{\"toolsListChanged\":true,\"resourceSubscriptions\":[\"file:///a\"]}"),
                ack.path("params").path("notifications"), "prompts were asked for but are not offered: " + ack);
        assertEquals("sub-1", ack.path("params").path("_meta").path(ListenStream.SUBSCRIPTION_ID).asText());
        FakeChannel server = mcp.servers.thatReceived("resources/subscribe");
        assertEquals("file:///a", server.nextReceived("resources/subscribe").path("params").path("uri").asText());

        server.server().send(JsonRpc.notification("notifications/prompts/list_changed", JsonRpc.object()));
        server.server().send(JsonRpc.notification("notifications/resources/updated",
                JsonRpc.object().put("uri", "file:///b")));
        server.server().send(JsonRpc.notification("notifications/tools/list_changed", JsonRpc.object()));
        server.server().send(JsonRpc.notification("notifications/resources/updated",
                JsonRpc.object().put("uri", "file:///a")));

        JsonNode changed = JsonRpc.parse(McpHarness.nextMessage(events).data());
        assertEquals("notifications/tools/list_changed", changed.path("method").asText(), changed::toString);
        assertEquals("sub-1", changed.path("params").path("_meta").path(ListenStream.SUBSCRIPTION_ID).asText());
        JsonNode updated = JsonRpc.parse(McpHarness.nextMessage(events).data());
        assertEquals("file:///a", updated.path("params").path("uri").asText(), updated::toString);
        assertEquals("sub-1", updated.path("params").path("_meta").path(ListenStream.SUBSCRIPTION_ID).asText());

        events.close();
        assertEquals(0, mcp.endpoints.summary().sessions(), "the listen's carrier is gone with its stream");
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void aServerRequestNeedingACapabilityTheClientDidNotDeclareIs400AndNoRequestReachesTheClient(SessionMode mode) {
        mcp = new McpHarness(mode);

        McpHttpResponse undeclared = post("tools/call", "sample", request(1, "tools/call",
                "\"name\":\"sample\",\"arguments\":{}", ""));
        JsonNode refused = error(undeclared, 400, -32021);
        assertTrue(refused.path("error").path("data").path("requiredCapabilities").has("sampling"), refused::toString);
        assertEquals(1, refused.path("id").asInt());

        McpHttpResponse declared = post("tools/call", "sample", request(2, "tools/call",
                "\"name\":\"sample\",\"arguments\":{}", "").replace("\"io.modelcontextprotocol/clientCapabilities\":{}",
                "\"io.modelcontextprotocol/clientCapabilities\":{\"sampling\":{}}"));
        JsonNode asked = json(declared).path("result");
        assertEquals(200, declared.status(), () -> McpHarness.body(declared));
        assertEquals("input_required", asked.path("resultType").asText(), asked::toString);
        assertEquals("sampling/createMessage", asked.path("inputRequests").path("sampling_1").path("method").asText(),
                "the server's request comes to the client as a question of the result, never as a request: " + asked);
    }

    @org.junit.jupiter.api.Test
    void inIsolatedModeAClientsServerIdlesForItsNextRequestWithASpareAndNeverServesAnotherClient() throws Exception {
        mcp = new McpHarness(SessionMode.ISOLATED);
        String echo = request(1, "tools/call", "\"name\":\"echo\",\"arguments\":{\"text\":\"a\"}", "");

        assertEquals(200, post(mcp, "tools/call", "echo", echo, McpHarness.TOKEN).status());
        FakeChannel alices = mcp.servers.thatReceived("tools/call");
        assertEquals(200, post(mcp, "tools/call", "echo", echo, McpHarness.TOKEN).status());
        assertEquals(2, alices.receivedSoFar().stream().filter(m -> "tools/call".equals(m.path("method").asText()))
                .count(), "the second request went to the first one's idle server");
        McpHarness.eventually(() -> mcp.servers.started().size() == 2, () -> "one spare is started for the "
                + "client's next request while one of theirs is lent: " + mcp.servers.started().size());

        assertEquals(200, post(mcp, "tools/call", "echo", echo, "bob-token").status());
        McpHarness.eventually(() -> mcp.servers.started().size() == 4,
                () -> "another client gets servers of its own: " + mcp.servers.started().size());
        assertEquals(2, alices.receivedSoFar().stream().filter(m -> "tools/call".equals(m.path("method").asText()))
                .count(), "bob's request did not go to alice's server");

        mcp.clock.advance(McpHarness.fastSettings().idleTimeout());
        mcp.maintain.maintain();
        assertTrue(mcp.servers.started().stream().allMatch(FakeChannel::isClosed),
                "servers idle as long as a session may be are stopped");
    }
}
