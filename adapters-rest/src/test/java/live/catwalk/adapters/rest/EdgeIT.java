package live.catwalk.adapters.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import live.catwalk.adapters.rest.mcp.RawHttp;
import live.catwalk.adapters.rest.mcp.RawHttp.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The edge before any handler: odd requests answer 4xx problem JSON, and every response carries the security headers. */
class EdgeIT extends RestServerHarness {

    private static JsonNode assertRawProblem(Reply reply, int status, String code) throws IOException {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(String.valueOf(reply.header("Content-Type")).startsWith("application/json"), reply::toString);
        JsonNode body = JSON.readTree(reply.body());
        assertEquals(code, body.path("error").asText(), reply::body);
        assertFalse(body.path("message").asText().isBlank(), reply::body);
        assertSecurityHeaders(reply.headers());
        return body;
    }

    private static void assertSecurityHeaders(Map<String, String> headers) {
        assertEquals("nosniff", headers.get("x-content-type-options"), headers::toString);
        assertEquals("no-referrer", headers.get("referrer-policy"), headers::toString);
        assertEquals("no-store", headers.get("cache-control"), headers::toString);
    }

    private static void assertSecurityHeaders(HttpResponse<?> response) {
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("no-referrer", response.headers().firstValue("Referrer-Policy").orElse(null));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(null));
    }

    @ParameterizedTest
    @CsvSource({"evil.example", "evil.example:80", "10.1.2.3:8080"})
    void aForeignHostIs421OnTheApi(String host) throws Exception {
        assertRawProblem(RawHttp.send(base, "GET", "/api/health", Map.of("Host", host), null), 421, "misdirected_request");
        assertRawProblem(RawHttp.send(base, "GET", "/api/deployments", Map.of("Host", host), null), 421,
                "misdirected_request");
        assertRawProblem(RawHttp.send(base, "GET", "/no-such-thing", Map.of("Host", host), null), 421,
                "misdirected_request");
    }

    @Test
    void everyRequestOnAKeptAliveConnectionIsChecked() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write("GET /api/health HTTP/1.1\r\nHost: evil.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String both = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertTrue(both.startsWith("HTTP/1.1 200"), both);
            assertTrue(both.contains("HTTP/1.1 421"), both);
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(421, RawHttp.send(base, "GET", "/api/health", Map.of("Host", "evil.example"), null).status());
            assertEquals(200, RawHttp.send(base, "GET", "/api/health", Map.of(), null).status());
        }
    }

    @Test
    void aLoopbackHostIsServed() throws Exception {
        assertEquals(200, RawHttp.send(base, "GET", "/api/health", Map.of("Host", "localhost:1234"), null).status());
        assertEquals(200, RawHttp.send(base, "GET", "/api/health", Map.of("Host", "[::1]"), null).status());
    }

    @Test
    void theF15RequestsAnswer4xxJsonInsteadOf500() throws Exception {
        assertRawProblem(RawHttp.send(base, "GET", "/api/health", Map.of("Host", "127.1"), null), 400, "invalid_input");
        assertRawProblem(RawHttp.send(base, "GET", "/api/health", Map.of("Host", ""), null), 400, "invalid_input");
        assertRawProblem(RawHttp.send(base, "GET", "/api/health%2fx", Map.of(), null), 400, "invalid_input");
        assertRawProblem(RawHttp.send(base, "GET", "/mcp/a%2fb", Map.of(), null), 400, "invalid_input");
        assertRawProblem(RawHttp.send(base, "GET", "/api/%zz", Map.of(), null), 400, "invalid_input");
    }

    @Test
    void aRequestWithoutHostOrWithABrokenHeaderIsAProblemFromTheCodecToo() throws Exception {
        for (String request : new String[] {"GET /api/health HTTP/1.1\r\n\r\n",
            "GET /api/health HTTP/1.1\r\nHost: localhost\r\nContent-Length: banana\r\n\r\n"}) {
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                socket.setSoTimeout(5_000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase();

                assertTrue(head.startsWith("http/1.1 400"), answer);
                assertTrue(head.contains("content-type: application/json"), answer);
                assertTrue(head.contains("x-content-type-options: nosniff"), answer);
                JsonNode body = JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
                assertEquals("invalid_input", body.path("error").asText(), answer);
            }
        }
    }

    @Test
    void aRefusedRequestWithABodyIsAnsweredAndTheServerGoesOn() throws Exception {
        Reply reply = RawHttp.send(base, "POST", "/test/orders", Map.of("Host", "evil.example",
                "Content-Type", "application/json"), "{\"name\":\"a\",\"quantity\":1}");

        assertRawProblem(reply, 421, "misdirected_request");
        assertEquals("close", reply.header("Connection"));
        assertEquals(200, get("api/health").statusCode());
    }

    @Test
    void aBodyRefusedForItsLengthIsAnsweredEvenIfItsClientGoesOnSending() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /test/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (MAX_BODY + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.flush();
            Thread.sleep(300); // refused at the headers: the server has answered by now
            out.write(new byte[8192]); // a client that sends its body before it reads
            out.flush();

            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("too_large"), answer);
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        assertSecurityHeaders(get("api/health"));
        assertSecurityHeaders(get("no-such-thing"));
        assertSecurityHeaders(get("test/throw/UNAUTHORIZED"));
        assertSecurityHeaders(get("test/bug"));
        assertSecurityHeaders(send(HttpRequest.newBuilder(base.resolve("api/health")).method("TRACE", BodyPublishers.noBody())));
        assertSecurityHeaders(send(HttpRequest.newBuilder(base.resolve("test/orders"))
                .POST(BodyPublishers.ofByteArray(new byte[(int) MAX_BODY + 1])).header("Content-Type", "application/json")));
        assertSecurityHeaders(postJson("test/orders", "{\"name\": \"a\","));
        assertSecurityHeaders(RawHttp.send(base, "GET", "/api/health", Map.of(), null).headers());
    }
}
