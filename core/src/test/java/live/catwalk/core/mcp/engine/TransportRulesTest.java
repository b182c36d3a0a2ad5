package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.TOKEN;
import static live.catwalk.core.mcp.engine.McpHarness.body;
import static live.catwalk.core.mcp.engine.McpHarness.call;
import static live.catwalk.core.mcp.engine.McpHarness.clientHeaders;
import static live.catwalk.core.mcp.engine.McpHarness.json;
import static live.catwalk.core.mcp.engine.McpHarness.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every Streamable HTTP rule of the POST, GET and DELETE exchanges, through the use cases. */
class TransportRulesTest {

    private final McpHarness mcp = new McpHarness(SessionMode.SHARED);

    @AfterEach
    void close() {
        mcp.close();
    }

    private static void assertRpcError(McpHttpResponse response, int status, int code) {
        assertEquals(status, response.status(), () -> body(response));
        JsonNode error = json(response);
        assertEquals("2.0", error.path("jsonrpc").asText());
        assertEquals(code, error.path("error").path("code").asInt(), error::toString);
        assertFalse(error.path("error").path("message").asText().isBlank());
    }

    @Test
    void initializeAnswersJsonWithAVisibleAsciiSessionIdAndTheNegotiatedVersion() {
        McpHttpResponse response = mcp.post(null, "{\"jsonrpc\":\"2.0\",\"id\":\"init-1\",\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}");

        assertEquals(200, response.status());
        String session = response.headers().get("Mcp-Session-Id");
        assertTrue(session.chars().allMatch(c -> c >= 0x21 && c <= 0x7E), session);
        JsonNode answer = json(response);
        assertEquals("init-1", answer.path("id").asText());
        assertEquals("2025-06-18", answer.path("result").path("protocolVersion").asText());
        assertEquals("fake", answer.path("result").path("serverInfo").path("name").asText());
    }

    @Test
    void anUnknownRequestedVersionIsAnsweredWithTheLatest() {
        McpHttpResponse response = mcp.post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"1999-01-01\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}");

        assertEquals("2025-11-25", json(response).path("result").path("protocolVersion").asText());
    }

    @Test
    void aClientAskingFor2026AtInitializeIsAnswered2025AndAStatelessRequestWithoutItsHeadersIsRefused() {
        McpHttpResponse init = mcp.post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2026-07-28\",\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}}");
        McpHttpResponse stateless = mcp.post(null, "{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"method\":\"tools/list\","
                + "\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}");

        assertEquals("2025-11-25", json(init).path("result").path("protocolVersion").asText());
        assertRpcError(stateless, 400, -32020);
        assertEquals("s-1", json(stateless).path("id").asText());
        String message = json(stateless).path("error").path("message").asText();
        assertTrue(message.contains("MCP-Protocol-Version is missing"), message);
    }

    @Test
    void notificationsAndResponsesGet202WithNoBody() {
        String session = mcp.initialize("2025-11-25");

        McpHttpResponse response = mcp.post(session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/roots/list_changed\"}");

        McpHttpResponse.Empty empty = assertInstanceOf(McpHttpResponse.Empty.class, response);
        assertEquals(202, empty.status());
    }

    @Test
    void requestIdsComeBackExactlyAsSent() {
        String session = mcp.initialize("2025-11-25");

        assertEquals("abc", json(mcp.post(session, call("abc", "echo", ""))).path("id").asText());
        JsonNode numeric = json(mcp.post(session, call(7, "echo", ""))).path("id");
        assertTrue(numeric.isIntegralNumber());
        assertEquals(7, numeric.asInt());
        assertEquals("1", json(mcp.post(session, call("1", "echo", ""))).path("id").asText());
        assertTrue(json(mcp.post(session, call("1", "echo", ""))).path("id").isTextual());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/event-stream", "text/html", ""})
    void anAcceptWithoutBothJsonAndEventStreamGets406(String accept) {
        Map<String, String> headers = clientHeaders(null);
        headers.put("Accept", accept);

        assertRpcError(mcp.postWith(headers, "{}"), 406, -32000);
    }

    @Test
    void wildcardAcceptCoversBothTypes() {
        String session = mcp.initialize("2025-11-25");
        Map<String, String> headers = clientHeaders(session);
        headers.put("Accept", "*/*");

        assertEquals(200, mcp.postWith(headers, call(1, "echo", "")).status());
    }

    @Test
    void aNonJsonContentTypeGets415() {
        Map<String, String> headers = clientHeaders(null);
        headers.put("Content-Type", "text/plain");

        assertRpcError(mcp.postWith(headers, "{}"), 415, -32000);
    }

    @Test
    void aBodyAboveTheLimitGets413() {
        String session = mcp.initialize("2025-11-25");

        assertRpcError(mcp.post(session, "{\"x\":\"" + "a".repeat(70 * 1024) + "\"}"), 413, -32000);
    }

    @Test
    void malformedJsonGets400WithAParseError() {
        McpHttpResponse response = mcp.post(null, "{\"jsonrpc\": \"2.0\", \"id\": 1,");

        assertRpcError(response, 400, -32700);
        assertTrue(json(response).path("id").isNull());
    }

    @Test
    void jsonThatIsNoJsonRpcMessageGets400InvalidRequest() {
        assertRpcError(mcp.post(null, "{\"id\":1,\"method\":\"ping\"}"), 400, -32600);
        assertRpcError(mcp.post(null, "[]"), 400, -32600);
        assertRpcError(mcp.post(null, "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}"), 400, -32600);
    }

    @Test
    void aMissingSessionIdGets400() {
        assertRpcError(mcp.post(null, call(1, "echo", "")), 400, -32000);
    }

    @Test
    void anUnknownSessionIdGets404() {
        assertRpcError(mcp.post("no-such-session-0000", call(1, "echo", "")), 404, -32001);
        assertRpcError(mcp.post("bad id", call(1, "echo", "")), 404, -32001);
    }

    @Test
    void deleteEndsTheSessionAndItsIdThenGets404Everywhere() {
        String session = mcp.initialize("2025-11-25");

        McpHttpResponse deleted = mcp.serve.serve(request("DELETE", clientHeaders(session), null, TOKEN));

        assertEquals(204, deleted.status());
        assertRpcError(mcp.post(session, call(1, "echo", "")), 404, -32001);
        assertRpcError(mcp.serve.serve(request("GET", clientHeaders(session), null, TOKEN)), 404, -32001);
        assertRpcError(mcp.serve.serve(request("DELETE", clientHeaders(session), null, TOKEN)), 404, -32001);
    }

    @Test
    void anUnsupportedProtocolVersionHeaderGets400AndAnAbsentOneIsFine() {
        String session = mcp.initialize("2025-11-25");
        Map<String, String> headers = clientHeaders(session);
        headers.put("MCP-Protocol-Version", "2099-01-01");

        assertRpcError(mcp.postWith(headers, call(1, "echo", "")), 400, -32000);
        assertEquals(200, mcp.post(session, call(1, "echo", "")).status());
        headers.put("MCP-Protocol-Version", "2025-03-26");
        assertEquals(200, mcp.postWith(headers, call(2, "echo", "")).status());
    }

    @Test
    void batchesAreRefusedUnless2025_03_26WasNegotiated() {
        String modern = mcp.initialize("2025-06-18");
        String batch = "[" + call(1, "echo", "") + "," + call(2, "echo", "") + "]";

        assertRpcError(mcp.post(modern, batch), 400, -32600);

        String old = mcp.initialize("2025-03-26");
        JsonNode answers = json(mcp.post(old, batch));
        assertTrue(answers.isArray(), answers::toString);
        assertEquals(2, answers.size());
        assertEquals(1, answers.get(0).path("id").asInt() + answers.get(1).path("id").asInt() - 2);
    }

    @Test
    void initializeInABatchOrOnAnExistingSessionIsRefused() {
        String old = mcp.initialize("2025-03-26");
        String init = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-03-26\"}}";

        assertRpcError(mcp.post(old, "[" + init + "]"), 400, -32600);
        assertRpcError(mcp.post(old, init), 400, -32600);
    }

    @Test
    void aForeignOriginGets403AndLoopbackOriginsAreFine() {
        Map<String, String> headers = clientHeaders(null);
        headers.put("Origin", "http://evil.example.com");

        assertRpcError(mcp.postWith(headers, "{}"), 403, -32000);

        String session = mcp.initialize("2025-11-25");
        Map<String, String> local = clientHeaders(session);
        local.put("Origin", "http://localhost:6274");
        assertEquals(200, mcp.postWith(local, call(1, "echo", "")).status());
    }

    @Test
    void aForeignHostGets421() {
        Map<String, String> headers = clientHeaders(null);
        headers.put("Host", "evil.example.com");

        assertRpcError(mcp.postWith(headers, "{}"), 421, -32000);
    }

    @Test
    void noTokenAWrongTokenAndAnUnknownDeploymentAllGetTheSame401() {
        McpHttpResponse missing = mcp.serve.serve(request("POST", clientHeaders(null), "{}", null));
        McpHttpResponse wrong = mcp.serve.serve(request("POST", clientHeaders(null), "{}", "guess"));
        McpHttpResponse unknown = mcp.serve.serve(new McpHttpRequest("other", "POST",
                Headers.single(clientHeaders(null)), "{}".getBytes(StandardCharsets.UTF_8), Optional.of(TOKEN)));

        for (McpHttpResponse response : new McpHttpResponse[] {missing, wrong, unknown}) {
            assertRpcError(response, 401, -32000);
            assertTrue(response.headers().get("WWW-Authenticate").startsWith("Bearer"));
        }
        assertEquals(body(missing), body(unknown));
    }

    @Test
    void aSessionBelongsToItsPrincipal() {
        String alices = mcp.initialize("2025-11-25");

        McpHttpResponse asBob = mcp.serve.serve(request("POST", clientHeaders(alices), call(1, "echo", ""), "bob-token"));

        assertRpcError(asBob, 404, -32001);
    }

    @Test
    void getWithoutAnEventStreamAcceptGets406() {
        String session = mcp.initialize("2025-11-25");
        Map<String, String> headers = clientHeaders(session);
        headers.put("Accept", "application/json");

        assertRpcError(mcp.serve.serve(request("GET", headers, null, TOKEN)), 406, -32000);
    }

    @Test
    void aSecondStandaloneStreamGets409() {
        String session = mcp.initialize("2025-11-25");
        Map<String, String> headers = clientHeaders(session);
        headers.put("Accept", "text/event-stream");

        McpHttpResponse first = mcp.serve.serve(request("GET", headers, null, TOKEN));
        assertInstanceOf(McpHttpResponse.Stream.class, first);
        assertRpcError(mcp.serve.serve(request("GET", headers, null, TOKEN)), 409, -32000);

        ((McpHttpResponse.Stream) first).source().close();
        assertInstanceOf(McpHttpResponse.Stream.class, mcp.serve.serve(request("GET", headers, null, TOKEN)));
    }

    @Test
    void anUnknownLastEventIdGets400() {
        String session = mcp.initialize("2025-11-25");
        Map<String, String> headers = clientHeaders(session);
        headers.put("Last-Event-ID", "99-12");

        assertRpcError(mcp.serve.serve(request("GET", headers, null, TOKEN)), 400, -32000);
    }
}
