package live.catwalk.adapters.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import live.catwalk.adapters.rest.mcp.RawHttp;
import live.catwalk.core.health.domain.HealthReport;
import live.catwalk.core.health.domain.HealthStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client trickling its headers or its body is cut off at the limit, however steadily the bytes come. */
class ReadTimeoutsIT {

    private static final Duration LIMIT = Duration.ofSeconds(2);

    private RestServer server;
    private URI base;

    @BeforeEach
    void start() throws IOException {
        server = RestServer.builder("127.0.0.1", 0)
                .readTimeouts(LIMIT, LIMIT)
                .register(new HealthResource(() -> new HealthReport(HealthStatus.OK, "1", Map.of())))
                .register(new TestResource())
                .build();
        base = server.start();
    }

    @AfterEach
    void stop() {
        // A graceful stop: Jersey may still be mapping the cut-off request's read error, and is let finish.
        server.stop(Duration.ofSeconds(2));
    }

    /** Writes {@code head}, then one {@code line} a second; the seconds until the server closed the connection. */
    private double secondsUntilClosed(String head, String line) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(100);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            long started = System.nanoTime();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            for (int i = 0; i < 10; i++) {
                long until = System.nanoTime() + 1_000_000_000L;
                while (System.nanoTime() < until) {
                    try {
                        if (in.read() < 0) {
                            return (System.nanoTime() - started) / 1e9;
                        }
                    } catch (java.net.SocketTimeoutException quiet) {
                        // nothing yet
                    } catch (SocketException reset) {
                        return (System.nanoTime() - started) / 1e9;
                    }
                }
                try {
                    out.write(line.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (SocketException closed) {
                    return (System.nanoTime() - started) / 1e9;
                }
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    @Test
    void headersTrickledOneLineASecondAreCutOffAtTheLimit() throws Exception {
        double closedAfter = secondsUntilClosed("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n", "X-Slow: 1\r\n");

        assertTrue(closedAfter >= LIMIT.toSeconds() - 0.2 && closedAfter < LIMIT.toSeconds() + 1.5,
                "closed after " + closedAfter + " s");
    }

    @Test
    void aBodyTrickledAByteASecondIsCutOffAtTheLimit() throws Exception {
        double closedAfter = secondsUntilClosed("POST /test/drain HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: 1000\r\n\r\n", "x");

        assertTrue(closedAfter >= LIMIT.toSeconds() - 0.2 && closedAfter < LIMIT.toSeconds() + 1.5,
                "closed after " + closedAfter + " s");
    }

    @Test
    void aKeptAliveConnectionIsNotCutOffBetweenRequestsAndNormalRequestsAreServed() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            String request = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            assertTrue(readResponseHead(in).startsWith("HTTP/1.1 200"));
            Thread.sleep(LIMIT.toMillis() + 1_000);
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            assertTrue(readResponseHead(in).startsWith("HTTP/1.1 200"));
        }
        assertEquals(200, RawHttp.send(base, "GET", "/api/health", Map.of(), null).status());
    }

    /** Reads one response with a Content-Length body and returns its head. */
    private static String readResponseHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        String text = head.toString();
        int at = text.toLowerCase().indexOf("content-length:");
        int length = Integer.parseInt(text.substring(at + 15, text.indexOf("\r\n", at)).strip());
        in.readNBytes(length);
        return text;
    }
}
