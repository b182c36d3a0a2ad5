package live.catwalk.adapters.rest.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.adapters.rest.mcp.RawHttp.Reply;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpReplies;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code ?token=} fallback for MCP clients that cannot set headers, and that it stays out of the log. */
class McpQueryTokenIT {

    private static final String TOKEN = "cwd_querySENTINEL77";

    private final List<Optional<String>> seen = new CopyOnWriteArrayList<>();
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
        server.stop(Duration.ZERO);
    }

    /** 200 for the right token, 401 otherwise; a body of "boom" fails like a bug would. */
    private live.catwalk.core.mcp.domain.http.McpHttpResponse answer(McpHttpRequest request) {
        seen.add(request.bearerToken());
        if (RawHttp.text(request).equals("boom")) {
            throw new IllegalStateException("planted failure");
        }
        return request.bearerToken().equals(Optional.of(TOKEN)) ? McpReplies.accepted() : McpReplies.unauthorized();
    }

    @Test
    void aTokenInTheQueryIsAcceptedWhenThereIsNoAuthorizationHeader() throws IOException {
        Reply reply = RawHttp.send(base, "POST", "/mcp/dep?token=" + TOKEN, Map.of("Content-Type", "application/json"),
                "{}");

        assertEquals(202, reply.status(), reply::body);
        assertEquals(List.of(Optional.of(TOKEN)), seen);
    }

    @Test
    void theQueryTokenIsUrlDecodedAndWorksOnTheApiPathAndForGetAndDelete() throws IOException {
        String encoded = TOKEN.replace("_", "%5F");

        assertEquals(202, RawHttp.send(base, "GET", "/api/mcp/dep?x=1&token=" + encoded, Map.of(), null).status());
        assertEquals(202, RawHttp.send(base, "DELETE", "/mcp/dep?token=" + TOKEN + "&y=2", Map.of(), null).status());
    }

    @Test
    void anAuthorizationHeaderWinsOverTheQuery() throws IOException {
        Reply reply = RawHttp.send(base, "POST", "/mcp/dep?token=" + TOKEN,
                Map.of("Authorization", "Bearer wrong", "Content-Type", "application/json"), "{}");

        assertEquals(401, reply.status());
        assertEquals(List.of(Optional.of("wrong")), seen);
    }

    @Test
    void anEmptyOrMissingQueryTokenIsNoToken() throws IOException {
        RawHttp.send(base, "POST", "/mcp/dep?token=", Map.of("Content-Type", "application/json"), "{}");
        RawHttp.send(base, "POST", "/mcp/dep?tokens=" + TOKEN, Map.of("Content-Type", "application/json"), "{}");

        assertEquals(List.of(Optional.empty(), Optional.empty()), seen);
    }

    @Test
    void aFormEncodedBodyIsNotReadForTheToken() throws IOException {
        Reply reply = RawHttp.send(base, "POST", "/mcp/dep",
                Map.of("Content-Type", "application/x-www-form-urlencoded"), "token=" + TOKEN);

        assertEquals(401, reply.status());
        assertEquals(List.of(Optional.empty()), seen);
    }

    @Test
    void nothingLogsTheQueryToken() throws IOException {
        List<String> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getLoggerName() + " " + record.getMessage() + " "
                        + java.util.Arrays.toString(record.getParameters()) + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        try {
            Reply failed = RawHttp.send(base, "POST", "/mcp/dep?token=" + TOKEN,
                    Map.of("Content-Type", "application/json"), "boom");
            RawHttp.send(base, "POST", "/mcp/dep?token=" + TOKEN, Map.of("Content-Type", "application/json"), "{}");
            RawHttp.send(base, "GET", "/api/nothing?token=" + TOKEN, Map.of(), null);
            RawHttp.send(base, "GET", "/mcp/?token=" + TOKEN, Map.of(), null);
            assertEquals(500, failed.status());
        } finally {
            root.setLevel(before);
            root.removeHandler(capture);
        }

        assertTrue(logged.stream().anyMatch(line -> line.contains("POST /mcp/dep?token=*** failed")
                && line.contains("planted failure")), "the failure is logged, token redacted: " + logged);
        assertFalse(logged.stream().anyMatch(line -> line.contains("SENTINEL")), String.join("\n", logged));
    }

    @Test
    void redactionHidesEveryTokenValue() {
        assertEquals("/mcp/d?token=***", QueryToken.redact("/mcp/d?token=" + TOKEN));
        assertEquals("/mcp/d?a=1&token=***&b=2", QueryToken.redact("/mcp/d?a=1&token=x%20y&b=2"));
        assertEquals("token=***", QueryToken.redact("token=abc"));
        assertEquals("/mcp/d?mytoken=abc", QueryToken.redact("/mcp/d?mytoken=abc"));
    }
}
