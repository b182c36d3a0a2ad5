package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthIT extends ApiServer {

    @ParameterizedTest
    @CsvSource({
        "GET, /api/me", "POST, /api/tokens", "GET, /api/tokens",
        "DELETE, /api/tokens/00000000-0000-0000-0000-000000000001", "GET, /api/settings", "PUT, /api/settings",
        "POST, /api/deployments", "GET, /api/deployments", "GET, /api/deployments/dep-1",
        "DELETE, /api/deployments/dep-1", "POST, /api/deployments/dep-1/stop", "POST, /api/deployments/dep-1/start",
        "POST, /api/deployments/dep-1/restart", "PUT, /api/deployments/dep-1/env",
        "POST, /api/deployments/dep-1/token", "GET, /api/deployments/dep-1/events",
        "GET, /api/deployments/dep-1/logs", "GET, /api/deployments/dep-1/connect", "GET, /api/no-such-route",
        "GET, /api"})
    void everyApiRouteButHealthNeedsABearerToken(String method, String path) throws Exception {
        HttpResponse<String> response = call(method, path, method.equals("GET") || method.equals("DELETE")
                || path.endsWith("stop") || path.endsWith("start") || path.endsWith("token") ? null : "{}", null);

        assertUnauthorized(response);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cwk_unknown", "cwd_aDeploymentToken"})
    void anUnknownTokenIsRefusedTheSameWay(String token) throws Exception {
        assertUnauthorized(call("GET", "/api/me", null, token));
    }

    @Test
    void aNonBearerSchemeIsRefused() throws Exception {
        var response = client.send(java.net.http.HttpRequest.newBuilder(base.resolve("/api/me"))
                .header("Authorization", "Basic " + FakeControlPlane.ALICE_TOKEN).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());

        assertUnauthorized(response);
        assertTrue(fake.presentedTokens.isEmpty(), "a Basic credential is not a bearer token");
    }

    @Test
    void theHealthCheckNeedsNoToken() throws Exception {
        assertEquals(200, call("GET", "/api/health", null, null).statusCode());
    }

    @Test
    void aValidTokenIsPassedToAuthenticateAsSent() throws Exception {
        ok(get("/api/me"), 200);

        assertEquals(List.of(FakeControlPlane.ALICE_TOKEN), fake.presentedTokens);
    }

    @ParameterizedTest
    @ValueSource(strings = {"//api/me", "/api//me", "/api;x=1/me", "/api/health/../me", "/api/%6De",
        "/api/./me", "/./api/me"})
    void pathTricksDoNotGetPastTheFilter(String path) throws Exception {
        String answer = raw("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");

        assertFalse(answer.startsWith("HTTP/1.1 200"), path + " -> " + answer);
        assertFalse(answer.contains("alice"), path + " -> " + answer);
    }

    @Test
    void theTokenIsNeverLogged() throws Exception {
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getLoggerName() + " " + record.getMessage() + " " + record.getThrown());
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
            call("GET", "/api/me", null, "cwk_wrongSENTINEL");
            get("/api/me");
            get("/api/deployments/not-there");
        } finally {
            root.setLevel(before);
            root.removeHandler(capture);
        }

        assertFalse(logged.stream().anyMatch(line -> line.contains("SENTINEL")
                || line.contains(FakeControlPlane.ALICE_TOKEN)), String.join("\n", logged));
    }

    private void assertUnauthorized(HttpResponse<String> response) throws Exception {
        var body = assertProblem(response, 401, "unauthorized");
        assertEquals("Bearer realm=\"catwalk\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
        assertNotEquals("", body.path("hint").asText());
    }

    private String raw(String request) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
