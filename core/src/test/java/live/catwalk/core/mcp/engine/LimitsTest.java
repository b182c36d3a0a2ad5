package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.call;
import static live.catwalk.core.mcp.engine.McpHarness.eventually;
import static live.catwalk.core.mcp.engine.McpHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.fakes.FakeMcpServer;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The batch cap and the caps on requests in flight per session and per deployment. */
class LimitsTest {

    private McpHarness mcp;

    @AfterEach
    void close() {
        mcp.close();
    }

    private void start(int maxBatch, int perSession, int perDeployment) {
        GatewayLimits d = GatewayLimits.defaults();
        mcp = new McpHarness(SessionMode.SHARED, McpHarness.fastSettings(), new GatewayLimits(maxBatch, perSession,
                perDeployment, d.retainedBytes(), d.unreadTailBytes(), d.maxSessionsPerUser()), new FakeStdioServers());
    }

    private FakeMcpServer server() {
        return mcp.servers.started().getFirst().server();
    }

    private static String batch(int from, int count, String tool) {
        List<String> calls = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            calls.add(call(i, tool, ""));
        }
        return "[" + String.join(",", calls) + "]";
    }

    @Test
    void aBatchOverTheCapIsRefusedWholeAndNothingIsForwarded() {
        start(3, 100, 1000);
        String session = mcp.initialize("2025-03-26");

        McpHttpResponse response = mcp.post(session, batch(1, 4, "slow"));

        assertEquals(400, response.status());
        JsonNode error = json(response).path("error");
        assertEquals(JsonRpc.INVALID_REQUEST, error.path("code").asInt());
        assertTrue(error.path("message").asText().contains("3") && error.path("message").asText().contains("CATWALK_MAX_BATCH"),
                error::toString);
        assertEquals(0, server().slowWaiting());
        assertEquals(200, mcp.post(session, batch(1, 3, "echo")).status());
    }

    @Test
    void aRequestOverTheSessionCapGets429AndIsNotForwarded() throws Exception {
        start(100, 2, 1000);
        String session = mcp.initialize("2025-03-26");
        mcp.post(session, call(1, "slow", ""));
        mcp.post(session, call(2, "slow", ""));
        eventually(() -> server().slowWaiting() == 2, () -> "two slow calls at the server");

        McpHttpResponse refused = mcp.post(session, call(3, "slow", ""));

        assertEquals(429, refused.status());
        assertEquals("1", refused.headers().get("Retry-After"));
        JsonNode error = json(refused).path("error");
        assertEquals(JsonRpc.TRANSPORT_ERROR, error.path("code").asInt());
        assertTrue(error.path("message").asText().contains("CATWALK_MAX_INFLIGHT_PER_SESSION"), error::toString);
        assertEquals(3, json(refused).path("id").asInt());
        assertEquals(2, server().slowWaiting());
        String other = mcp.initialize("2025-03-26");
        assertEquals(200, mcp.post(other, call(4, "echo", "")).status(), "another session has its own cap");

        server().releaseSlow();
        eventually(() -> mcp.post(session, call(5, "echo", "")).status() == 200, () -> "slots given back");
    }

    @Test
    void theDeploymentCapCountsEverySessionAndRefusesOnlyTheExcessOfABatch() throws Exception {
        start(100, 100, 3);
        String first = mcp.initialize("2025-03-26");
        String second = mcp.initialize("2025-03-26");
        mcp.post(first, call(1, "slow", ""));
        mcp.post(first, call(2, "slow", ""));
        eventually(() -> server().slowWaiting() == 2, () -> "two slow calls at the server");

        McpHttpResponse single = mcp.post(second, call(3, "slow", ""));
        eventually(() -> server().slowWaiting() == 3, () -> "the third slow call");
        McpHttpResponse refused = mcp.post(second, call(4, "echo", ""));
        assertEquals(429, refused.status());
        assertTrue(json(refused).path("error").path("message").asText().contains("CATWALK_MAX_INFLIGHT_PER_DEPLOYMENT"));

        server().releaseSlow();
        eventually(() -> server().slowWaiting() == 0, () -> "released");
        McpHttpResponse mixed = mcp.post(second, "[" + call(10, "slow", "") + "," + call(11, "slow", "") + ","
                + call(12, "slow", "") + "," + call(13, "echo", "") + "]");
        eventually(() -> server().slowWaiting() == 3, () -> "three of the batch forwarded");
        server().releaseSlow();
        String answers = mixed instanceof McpHttpResponse.Stream s ? McpHarness.readAll(s.source()).toString()
                : McpHarness.body(mixed);
        assertTrue(answers.contains("CATWALK_MAX_INFLIGHT_PER_DEPLOYMENT"), answers);
        assertEquals(3, answers.split("slow done", -1).length - 1, answers);
        assertEquals(200, single.status());
    }
}
