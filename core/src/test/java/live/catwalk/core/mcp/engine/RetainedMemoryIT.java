package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.call;
import static live.catwalk.core.mcp.engine.McpHarness.eventually;
import static live.catwalk.core.mcp.engine.McpHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.fakes.FakeMcpServer;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import org.junit.jupiter.api.Test;

/**
 * Many sessions abandon large answers (1-3 MB each, 360 MB in all) and leave requests unanswered: the heap
 * grows by at most the retained-bytes budget plus slack, and new work beyond the caps is refused cleanly.
 */
class RetainedMemoryIT {

    private static final int SESSIONS = 120;
    private static final int UNANSWERED_PER_SESSION = 8;
    private static final long BUDGET = 64L * 1024 * 1024;
    private static final long SLACK = 32L * 1024 * 1024;

    private static long heapAfterGc() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    @Test
    void abandonedAnswersAndUnansweredRequestsStayWithinTheBudgetAndNewWorkIsRefusedCleanly() throws Exception {
        GatewaySettings d = GatewaySettings.defaults();
        GatewaySettings settings = new GatewaySettings(d.allowedHosts(), d.allowedOrigins(), 64 * 1024,
                Duration.ofMillis(10), d.idleTimeout(), d.maxSessions(), d.maxChildren(), d.requestTimeout(),
                Duration.ofSeconds(5), d.eventLogEvents(), d.eventLogBytes(), d.retryMillis());
        int perDeployment = SESSIONS * (UNANSWERED_PER_SESSION + 1);
        GatewayLimits limits = new GatewayLimits(100, UNANSWERED_PER_SESSION + 1, perDeployment,
                Long.getLong("retainedMemoryIT.engineBudget", BUDGET),
                256 * 1024, 10_000);
        long before = heapAfterGc();
        try (McpHarness mcp = new McpHarness(SessionMode.SHARED, settings, limits, new FakeStdioServers())) {
            List<String> sessions = new ArrayList<>();
            for (int i = 0; i < SESSIONS; i++) {
                String session = mcp.initialize("2025-11-25");
                sessions.add(session);
                McpHttpResponse held = mcp.post(session, "{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"method\":\"tools/call\","
                        + "\"params\":{\"name\":\"hold\",\"arguments\":{\"size\":" + (1 + i % 3) * 1024 * 1024 + "}}}");
                assertInstanceOf(McpHttpResponse.Stream.class, held).source().close(); // the client goes away
                for (int r = 0; r < UNANSWERED_PER_SESSION; r++) {
                    assertEquals(200, mcp.post(session, call(r, "slow", "")).status());
                }
            }
            FakeMcpServer server = mcp.servers.started().getFirst().server();
            eventually(() -> server.heldWaiting() == SESSIONS && server.slowWaiting() == SESSIONS * UNANSWERED_PER_SESSION,
                    () -> server.heldWaiting() + " held, " + server.slowWaiting() + " slow at the server");

            server.releaseHeld();
            assertEquals(0, server.heldWaiting());

            long growth = heapAfterGc() - before;
            System.out.printf("retained memory: heap grew %d MiB after %d MiB of abandoned answers; %d MiB kept%n",
                    growth >> 20, SESSIONS * 2, mcp.endpoints.retained().used() >> 20);
            assertTrue(growth < BUDGET + SLACK, () -> "the heap grew by " + growth / (1024 * 1024) + " MiB");
            assertTrue(mcp.endpoints.retained().used() <= BUDGET, () -> mcp.endpoints.retained().used() + " kept");

            String full = sessions.getFirst();
            assertEquals(200, mcp.post(full, call(100, "slow", "")).status());
            McpHttpResponse atCap = mcp.post(full, call(101, "slow", ""));
            assertEquals(429, atCap.status(), () -> McpHarness.body(atCap));
            assertTrue(json(atCap).path("error").path("message").asText().contains("CATWALK_MAX_INFLIGHT_PER_SESSION"));
            for (String session : sessions.subList(1, SESSIONS)) {
                assertEquals(200, mcp.post(session, call(100, "slow", "")).status());
            }
            String fresh = mcp.initialize("2025-11-25");
            McpHttpResponse deploymentFull = mcp.post(fresh, call(1, "slow", ""));
            assertEquals(429, deploymentFull.status(), () -> McpHarness.body(deploymentFull));
            assertTrue(json(deploymentFull).path("error").path("message").asText()
                    .contains("CATWALK_MAX_INFLIGHT_PER_DEPLOYMENT"));
        }
    }
}
