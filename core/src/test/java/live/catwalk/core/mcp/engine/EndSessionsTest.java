package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.TOKEN;
import static live.catwalk.core.mcp.engine.McpHarness.call;
import static live.catwalk.core.mcp.engine.McpHarness.clientHeaders;
import static live.catwalk.core.mcp.engine.McpHarness.json;
import static live.catwalk.core.mcp.engine.McpHarness.nextMessage;
import static live.catwalk.core.mcp.engine.McpHarness.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import org.junit.jupiter.api.Test;

/** Ending a deployment's sessions at once (its token was rotated): streams end, the server keeps running. */
class EndSessionsTest {

    @Test
    void everySessionAndOpenStreamEndsAndNewSessionsStillStart() throws Exception {
        try (McpHarness mcp = new McpHarness(SessionMode.SHARED)) {
            String session = mcp.initialize("2025-11-25");
            String other = mcp.initialize("2025-11-25");
            SseSource standalone = assertInstanceOf(McpHttpResponse.Stream.class,
                    mcp.serve.serve(McpHarness.request("GET", clientHeaders(session), null, TOKEN))).source();
            CompletableFuture<McpHttpResponse> slow = CompletableFuture.supplyAsync(() -> mcp.post(other, call(7, "slow", "")));
            mcp.servers.last().nextReceived("tools/call");

            mcp.endpoints.endSessions("no-such-deployment"); // nothing to end
            mcp.endpoints.endSessions(McpHarness.DEPLOYMENT);

            McpHttpResponse pending = slow.get(5, TimeUnit.SECONDS);
            JsonNode answer = pending instanceof McpHttpResponse.Stream s ? JsonRpc.parse(nextMessage(s.source()).data())
                    : json(pending);
            assertEquals(7, answer.path("id").asInt());
            assertEquals(JsonRpc.SERVER_UNAVAILABLE, answer.path("error").path("code").asInt(), answer::toString);
            readAll(standalone); // fails unless the stream ends
            assertEquals(404, mcp.post(session, call(1, "echo", "")).status());
            assertEquals(404, mcp.post(other, call(2, "echo", "")).status());
            assertFalse(mcp.servers.last().isClosed(), "the server keeps running");
            String fresh = mcp.initialize("2025-11-25");
            assertEquals(200, mcp.post(fresh, call(3, "echo", "")).status());
        }
    }
}
