package live.catwalk.adapters.rest.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
            write(idle, "{}");
            assertTrue(readReply(idle.getInputStream()).startsWith("HTTP/1.1 202"), "the keep-alive warm-up failed");
            write(busy, "slow");
            assertTrue(slowStarted.await(5, TimeUnit.SECONDS), "the slow request never started");
            assertTrue(onVirtualThread, "a waiting MCP request holds a virtual thread, not a platform one");
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(5)));
            Thread.sleep(300); // the server is draining: the slow request holds it

            write(idle, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
            String reply = readReply(idle.getInputStream());

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

    private void write(Socket socket, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /mcp/dep HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                + "Content-Type: application/json\r\nAuthorization: Bearer t\r\nContent-Length: " + content.length
                + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().write(content);
        socket.getOutputStream().flush();
    }

    /** One response with a Content-Length, headers and body as text. */
    private static String readReply(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
