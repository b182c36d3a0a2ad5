package live.catwalk.adapters.rest.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While the server drains at shutdown, a new MCP request gets a JSON-RPC error saying so, not a problem; a
 * request that waits (as for a deployment's start) does so on a virtual thread.
 */
class McpShutdownIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CountDownLatch slowStarted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean onVirtualThread;
    private RestServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = RestServer.builder("127.0.0.1", 0)
                .mcpEndpoint(this::answer, Duration.ofSeconds(1))
                .build();
        base = server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(Duration.ZERO);
    }

    /** A body of "slow" holds its request until released; anything else is answered 202 at once. */
    private McpHttpResponse answer(McpHttpRequest request) {
        if (RawHttp.text(request).equals("slow")) {
            onVirtualThread = Thread.currentThread().isVirtual();
            slowStarted.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return McpReplies.accepted();
    }

    @Test
    void aRequestDuringTheDrainGetsAJsonRpcErrorThatCatwalkIsShuttingDown() throws Exception {
        try (Socket idle = new Socket(base.getHost(), base.getPort());
             Socket busy = new Socket(base.getHost(), base.getPort())) {
            idle.setSoTimeout(10_000);
            RawHttp.post(idle, base, "{}");
            assertTrue(RawHttp.readReply(idle.getInputStream()).startsWith("HTTP/1.1 202"), "the keep-alive warm-up failed");
            RawHttp.post(busy, base, "slow");
            assertTrue(slowStarted.await(5, TimeUnit.SECONDS), "the slow request never started");
            assertTrue(onVirtualThread, "a waiting MCP request holds a virtual thread, not a platform one");
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(5)));
            Thread.sleep(300); // the server is draining: the slow request holds it

            RawHttp.post(idle, base, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
            String reply = RawHttp.readReply(idle.getInputStream());

            release.countDown();
            stopping.get(10, TimeUnit.SECONDS);
            assertTrue(reply.startsWith("HTTP/1.1 503"), reply);
            assertTrue(reply.toLowerCase().contains("content-type: application/json"), reply);
            assertTrue(reply.toLowerCase().contains("retry-after: 5"), reply);
            JsonNode body = JSON.readTree(reply.substring(reply.indexOf("\r\n\r\n") + 4));
            assertEquals("2.0", body.path("jsonrpc").asText(), reply);
            assertEquals(JsonRpc.SERVER_UNAVAILABLE, body.path("error").path("code").asInt(), reply);
            assertEquals(McpReplies.SHUTTING_DOWN, body.path("error").path("message").asText());
        }
    }
}
