package live.catwalk.adapters.rest.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.adapters.rest.mcp.RawHttp.Reply;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.usecase.ServeMcpService;
import live.catwalk.core.mcp.engine.McpEndpoints;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MCP endpoint at the edge: the token before the body, and the security headers on its answers. */
class McpEdgeIT {

    private static final String TOKEN = McpHttpRulesIT.TOKEN;
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}";

    private final FakeStdioServers servers = new FakeStdioServers();
    private McpEndpoints endpoints;
    private RestServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        GatewaySettings d = GatewaySettings.defaults();
        GatewaySettings settings = new GatewaySettings(d.allowedHosts(), d.allowedOrigins(), 8 * 1024 * 1024,
                Duration.ofMillis(300), d.idleTimeout(), d.maxSessions(), d.maxChildren(), d.requestTimeout(),
                Duration.ofSeconds(5), d.eventLogEvents(), d.eventLogBytes(), 700);
        endpoints = new McpEndpoints(servers, new CountingSessionIds(), new MutableClock(Instant.EPOCH), settings, "1");
        endpoints.register("dep", new ServerCommand(List.of("fake"), Map.of()), SessionMode.SHARED);
        McpAccess access = McpAccess.bearer((deployment, token) -> deployment.equals("dep") && token.equals(Optional.of(TOKEN))
                ? Optional.of("user") : Optional.empty());
        server = RestServer.builder("127.0.0.1", 0).maxBodyBytes(8 * 1024 * 1024)
                .mcpEndpoint(new ServeMcpService(settings, GatewayLimits.defaults(), access, DeploymentStates.NONE,
                        endpoints), Duration.ofMillis(200))
                .build();
        base = server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ZERO);
        endpoints.close();
    }

    @Test
    void anUnauthenticatedPostIsRefusedAtOnceWithoutWaitingForItsBodyAndTheConnectionIsClosed() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            out.write(("POST /mcp/dep HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer wrong-token\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 4000000\r\n\r\n{\"jsonrpc\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            double seconds = (System.nanoTime() - started) / 1e9;

            assertTrue(statusLine.startsWith("HTTP/1.1 401"), statusLine);
            assertTrue(seconds < 1.5, "answered after " + seconds + " s");
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            try {
                in.transferTo(rest);
            } catch (SocketTimeoutException stillOpen) {
                throw new AssertionError("the connection stayed open after the 401: " + rest);
            }
            assertTrue(rest.toString(StandardCharsets.ISO_8859_1).toLowerCase().contains("connection: close"), rest::toString);
        }
    }

    @Test
    void aPostWithoutTokenIs401AndAValidOneIsServed() throws Exception {
        Map<String, String> headers = Map.of("Accept", "application/json, text/event-stream",
                "Content-Type", "application/json");
        assertEquals(401, RawHttp.send(base, "POST", "/mcp/dep", headers, INIT).status());

        Reply ok = RawHttp.send(base, "POST", "/mcp/dep", McpHttpRulesIT.headers(null), INIT);

        assertEquals(200, ok.status(), ok::body);
        assertEquals("nosniff", ok.header("X-Content-Type-Options"));
        assertEquals("no-store", ok.header("Cache-Control"));
        assertEquals("no-referrer", ok.header("Referrer-Policy"));
    }

    @Test
    void anEventStreamIsNotStoredEither() throws Exception {
        String session = RawHttp.send(base, "POST", "/mcp/dep", McpHttpRulesIT.headers(null), INIT).header("Mcp-Session-Id");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(3_000);
            socket.getOutputStream().write(("GET /mcp/dep HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nAccept: text/event-stream\r\nMcp-Session-Id: " + session + "\r\nMCP-Protocol-Version: 2025-11-25"
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            for (String l; !(l = line(in)).isEmpty(); ) {
                head.append(l.toLowerCase()).append('\n');
            }
            assertTrue(head.toString().startsWith("http/1.1 200"), head::toString);
            assertTrue(head.toString().contains("cache-control: no-store, no-transform"), head::toString);
            assertTrue(head.toString().contains("x-content-type-options: nosniff"), head::toString);
        }
    }

    @Test
    void aChunkedBodyALittleOverTheLimitIsReadToItsEndSoTheConnectionClosesWithoutAReset() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /mcp/dep HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN + "\r\n"
                    + "Accept: application/json, text/event-stream\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int sent = 0; sent < 8 * 1024 * 1024 + 8192; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            Thread.sleep(300); // over the limit already: a server that answered and closed now resets what follows
            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();

            assertTrue(line(in).startsWith("HTTP/1.1 413"));
            ByteArrayOutputStream rest = new ByteArrayOutputStream();
            in.transferTo(rest); // a reset (unread bytes at the server's close) would throw here
            assertTrue(rest.toString(StandardCharsets.ISO_8859_1).contains("-32000"), rest::toString);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != -1 && b != '\n'; ) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
