package live.catwalk.adapters.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error is problem JSON with the right status: routes, methods, exceptions, JSON bodies, limits. */
class RestServerErrorsIT extends RestServerHarness {

    @Test
    void unknownRouteIsAJson404() throws Exception {
        HttpResponse<String> response = get("no-such-thing");

        assertEquals(404, response.statusCode());
        JsonNode body = assertProblem(response, "not_found");
        assertTrue(body.path("message").asText().contains("GET /no-such-thing"), body.toString());
        assertTrue(body.has("hint"));
    }

    @Test
    void wrongMethodIsAJson405WithAllow() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("api/health"))
                .PUT(BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));

        assertEquals(405, response.statusCode());
        assertProblem(response, "method_not_allowed");
        String allow = response.headers().firstValue("Allow").orElse("");
        assertTrue(allow.contains("GET"), "Allow: " + allow);
    }

    @Test
    void traceIsRefusedWithJson() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("api/health"))
                .method("TRACE", BodyPublishers.noBody()));

        assertEquals(405, response.statusCode());
        assertProblem(response, "method_not_allowed");
    }

    @ParameterizedTest
    @CsvSource({
        "INVALID_INPUT, 400, invalid_input",
        "UNAUTHORIZED, 401, unauthorized",
        "FORBIDDEN, 403, forbidden",
        "NOT_FOUND, 404, not_found",
        "CONFLICT, 409, conflict",
        "TOO_LARGE, 413, too_large",
        "LIMIT_EXCEEDED, 429, limit_exceeded",
        "UPSTREAM_UNAVAILABLE, 503, upstream_unavailable",
        "INTERNAL, 500, internal"})
    void catwalkExceptionsBecomeProblemJsonWithTheirStatus(Kind kind, int status, String code) throws Exception {
        HttpResponse<String> response = get("test/throw/" + kind.name());

        assertEquals(status, response.statusCode());
        JsonNode body = assertProblem(response, code);
        assertEquals("planted " + kind.name(), body.path("message").asText());
        assertEquals("planted_field", body.path("field").asText());
        assertEquals("planted hint", body.path("hint").asText());
    }

    @Test
    void unauthorizedCarriesABearerChallenge() throws Exception {
        HttpResponse<String> response = get("test/throw/UNAUTHORIZED");

        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void anUnexpectedExceptionIsAGenericInternalErrorThatLeaksNothing() throws Exception {
        HttpResponse<String> response = get("test/bug");

        assertEquals(500, response.statusCode());
        JsonNode body = assertProblem(response, "internal");
        assertFalse(response.body().contains("hunter2"), response.body());
        assertFalse(response.body().contains("IllegalStateException"), response.body());
        assertTrue(body.path("message").asText().contains("reference"), body.toString());
    }

    @Test
    void aJsonBodyBindsAndEchoes() throws Exception {
        HttpResponse<String> response = postJson("test/orders", "{\"name\":\"a\",\"quantity\":2,\"tags\":[\"x\"]}");

        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("a", body.path("name").asText());
        assertEquals(2, body.path("quantity").asInt());
    }

    @Test
    void malformedJsonIs400NamingTheBody() throws Exception {
        HttpResponse<String> response = postJson("test/orders", "{\"name\": \"a\",");

        assertEquals(400, response.statusCode());
        JsonNode body = assertProblem(response, "invalid_json");
        assertEquals("body", body.path("field").asText());
    }

    @Test
    void anUnknownFieldIs400NamingItAndListingTheKnownOnes() throws Exception {
        HttpResponse<String> response = postJson("test/orders", "{\"name\":\"a\",\"quantity\":1,\"colour\":\"red\"}");

        assertEquals(400, response.statusCode());
        JsonNode body = assertProblem(response, "invalid_input");
        assertEquals("colour", body.path("field").asText());
        assertTrue(body.path("hint").asText().contains("quantity"), body.toString());
    }

    @Test
    void aWrongTypeIs400NamingTheNestedField() throws Exception {
        HttpResponse<String> response = postJson("test/orders", "{\"name\":\"a\",\"quantity\":1,\"tags\":[{\"not\":\"SENTINEL-8317\"}]}");

        assertEquals(400, response.statusCode());
        JsonNode body = assertProblem(response, "invalid_input");
        assertEquals("tags[0]", body.path("field").asText());
        assertFalse(response.body().contains("SENTINEL-8317"), "the value must not be echoed: " + response.body());
    }

    @Test
    void deeplyNestedJsonIsRefused() throws Exception {
        String deep = "{\"meta\":" + "[".repeat(200) + "]".repeat(200) + "}";

        HttpResponse<String> response = postJson("test/orders", deep);

        assertEquals(400, response.statusCode());
        assertProblem(response, "invalid_input");
    }

    @Test
    void aWrongContentTypeIsAJson415() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("test/orders"))
                .POST(BodyPublishers.ofString("name=a")).header("Content-Type", "application/x-www-form-urlencoded"));

        assertEquals(415, response.statusCode());
        assertProblem(response, "unsupported_media_type");
    }

    @Test
    void aBodyOverTheLimitWithContentLengthIsAJson413() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("test/orders"))
                .POST(BodyPublishers.ofByteArray(new byte[(int) MAX_BODY + 1]))
                .header("Content-Type", "application/json"));

        assertEquals(413, response.statusCode());
        assertProblem(response, "too_large");
    }

    @Test
    void aChunkedBodyOverTheLimitIsAJson413() throws Exception {
        byte[] chunk = new byte[8 * 1024];
        HttpResponse<String> response = send(HttpRequest.newBuilder(base.resolve("test/drain"))
                .POST(BodyPublishers.ofInputStream(() -> new InputStream() {
                    private long left = MAX_BODY * 2;

                    @Override
                    public int read() {
                        return left-- > 0 ? 'x' : -1;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) {
                        if (left <= 0) {
                            return -1;
                        }
                        int n = (int) Math.min(Math.min(len, chunk.length), left);
                        left -= n;
                        return n;
                    }
                }))
                .header("Content-Type", "application/octet-stream"));

        assertEquals(413, response.statusCode());
        assertProblem(response, "too_large");
    }

    @Test
    void aMalformedHttpRequestGetsJsonOrNothingButNeverHtml() throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertFalse(answer.toLowerCase().contains("<html"), answer);
            assertFalse(answer.toLowerCase().contains("text/html"), answer);
        }
    }

}
