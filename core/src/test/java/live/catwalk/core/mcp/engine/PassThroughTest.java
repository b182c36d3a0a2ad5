package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.fakes.FakeChannel;
import live.catwalk.core.mcp.fakes.FakeModernServer;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.shared.domain.SessionMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A server that speaks only MCP 2026-07-28 (it refuses the 2025 initialize naming that revision): 2026 requests
 * pass through to it, its own input_required rounds included (its state kept at the gateway behind one bound to the
 * client, the retry sent to the same process), and 2025 clients are told what it speaks.
 */
class PassThroughTest {

    private McpHarness mcp;

    @AfterEach
    void close() {
        if (mcp != null) {
            mcp.close();
        }
    }

    private void start(SessionMode mode) {
        mcp = new McpHarness(mode, McpHarness.fastSettings(), new FakeStdioServers(FakeModernServer::new));
    }

    private JsonNode post(String method, String name, String body, String token) {
        return json(StatelessExchangesTest.post(mcp, method, name, body, token));
    }

    private static String mrtr(Object id, String extra) {
        return StatelessExchangesTest.request(id, "tools/call", "\"name\":\"mrtr\",\"arguments\":{}" + extra, "");
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void requestsPassThroughAndTheServersOwnRoundsResumeAtTheSameProcess(SessionMode mode) throws Exception {
        start(mode);

        JsonNode discovered = post("server/discover", null,
                StatelessExchangesTest.request(1, "server/discover", "", ""), McpHarness.TOKEN);
        assertEquals("fake-modern", discovered.path("result").path("_meta")
                .path("io.modelcontextprotocol/serverInfo").path("name").asText(), "the server's own discover: "
                + discovered);

        JsonNode asked = post("tools/call", "mrtr", mrtr(2, ""), McpHarness.TOKEN).path("result");
        assertEquals("input_required", asked.path("resultType").asText(), asked::toString);
        assertEquals("elicitation/create", asked.path("inputRequests").path("name").path("method").asText());
        String state = asked.path("requestState").asText();
        assertTrue(!state.isEmpty() && !state.startsWith("child-state-"),
                "the server's state stays at the gateway, behind one bound to this client: " + state);
        FakeChannel asker = mcp.servers.thatReceived("tools/call");
        assertEquals("tools/call", asker.nextReceived("tools/call").path("method").asText());

        String retry = mrtr(3, ",\"inputResponses\":{\"name\":{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}},"
                + "\"requestState\":\"" + state + "\"");
        JsonNode foreign = post("tools/call", "mrtr", retry, "bob-token");
        assertEquals(-32602, foreign.path("error").path("code").asInt(), foreign::toString);

        JsonNode done = post("tools/call", "mrtr", retry, McpHarness.TOKEN);
        assertEquals(3, done.path("id").asInt());
        assertEquals("complete", done.path("result").path("resultType").asText(), done::toString);
        assertEquals("Hello Ada (child-state-1)", done.path("result").path("content").path(0).path("text").asText(),
                "the retry reached the process that asked, with its own state back");
        JsonNode atServer = asker.nextReceived("tools/call");
        assertEquals("child-state-1", atServer.path("params").path("requestState").asText(), atServer::toString);
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void a2025ClientIsToldTheServerSpeaksOnly2026(SessionMode mode) {
        start(mode);
        McpHttpResponse refused = mcp.post(null, "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
                + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\","
                + "\"version\":\"1\"}}}");

        assertEquals(400, refused.status(), () -> McpHarness.body(refused));
        JsonNode error = json(refused).path("error");
        assertEquals("2026-07-28", error.path("data").path("supported").path(0).asText(), error::toString);
        assertEquals("2025-11-25", error.path("data").path("requested").asText());
        assertTrue(error.path("message").asText().contains("speaks only MCP 2026-07-28"), error::toString);
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void theServerIsReadyAndAnswersHealthChecksWithoutAPing(SessionMode mode) throws Exception {
        start(mode);
        post("tools/list", null, StatelessExchangesTest.request(1, "tools/list", "", ""), McpHarness.TOKEN);
        if (mode == SessionMode.SHARED) {
            assertTrue(mcp.endpoints.ping(McpHarness.DEPLOYMENT, Duration.ofSeconds(5)),
                    "a server/discover of the bridge's own stands in for ping");
            JsonNode probe = mcp.servers.last().nextReceived("server/discover");
            assertEquals("2026-07-28", probe.path("params").path("_meta")
                    .path("io.modelcontextprotocol/protocolVersion").asText(), probe::toString);
        }
        assertEquals("live.catwalk.core.deployment.domain.RuntimeState$Running",
                mcp.endpoints.state(McpHarness.DEPLOYMENT).getClass().getName());
    }
}
