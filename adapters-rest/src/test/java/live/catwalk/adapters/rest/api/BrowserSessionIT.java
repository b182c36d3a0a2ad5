package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Browser sign-in at {@code /api/session}: a personal token opens a session held in an HttpOnly, SameSite=Lax
 * cookie; the session authenticates API calls, every change it makes needs its CSRF token, and sign-out ends it.
 */
class BrowserSessionIT extends ApiServer {

    /** Sends {@code method path} with only a session cookie (and a CSRF header when given): no bearer token. */
    HttpResponse<String> asBrowser(String method, String path, String json, String cookie, String csrf)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, json == null ? BodyPublishers.noBody() : BodyPublishers.ofString(json))
                .header("Cookie", cookie);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (csrf != null) {
            request.header("X-CSRF-Token", csrf);
        }
        return client.send(request.build(), BodyHandlers.ofString());
    }

    HttpResponse<String> signIn(String token) throws Exception {
        return call("POST", "/api/session", "{\"token\": \"" + token + "\"}", null);
    }

    /** The {@code name=value} pair of a Set-Cookie header. */
    static String pair(HttpResponse<String> response) {
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    @Test
    void aSignedInBrowserIsACallerAndItsChangesNeedTheCsrfToken() throws Exception {
        HttpResponse<String> signedIn = signIn(FakeControlPlane.ALICE_TOKEN);
        JsonNode body = ok(signedIn, 201);
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.startsWith("catwalk_session=cws_"), setCookie);
        assertTrue(setCookie.contains("; Path=/") && setCookie.contains("; HttpOnly")
                && setCookie.contains("; SameSite=Lax"), setCookie);
        assertFalse(setCookie.contains("Secure"), "plain HTTP: " + setCookie);
        assertFalse(signedIn.body().contains("cws_"), "the session's secret is only in the cookie");
        assertEquals("alice", body.path("user").path("name").asText());
        String cookie = pair(signedIn);
        String csrf = body.path("csrfToken").asText();

        assertEquals("alice", ok(asBrowser("GET", "/api/me", null, cookie, null), 200).path("name").asText());
        assertEquals(csrf, ok(asBrowser("GET", "/api/session", null, cookie, null), 200).path("csrfToken").asText());
        assertProblem(asBrowser("POST", "/api/tokens", "{\"name\": \"t\"}", cookie, null), 403, "csrf_required");
        assertProblem(asBrowser("POST", "/api/tokens", "{\"name\": \"t\"}", cookie, csrf + "0"), 403,
                "csrf_required");
        ok(asBrowser("POST", "/api/tokens", "{\"name\": \"t\"}", cookie, csrf), 201);

        HttpResponse<String> out = asBrowser("DELETE", "/api/session", null, cookie, csrf);
        assertEquals(204, out.statusCode());
        assertTrue(out.headers().firstValue("Set-Cookie").orElseThrow().contains("Max-Age=0"));
        assertProblem(asBrowser("GET", "/api/me", null, cookie, null), 401, "session_ended");
    }

    @Test
    void aWrongOrMissingTokenOpensNoSession() throws Exception {
        HttpResponse<String> wrong = signIn("cwk_not_a_token");
        assertProblem(wrong, 401, "unauthorized");
        assertTrue(wrong.headers().firstValue("Set-Cookie").isEmpty());
        assertProblem(call("POST", "/api/session", "{}", null), 422, "validation_failed");
        assertProblem(asBrowser("GET", "/api/me", null, "catwalk_session=cws_forged", null), 401, "session_ended");
        assertProblem(call("GET", "/api/session", null, null), 401, "unauthorized");
    }

    @Test
    void aBearerTokenStillWorksAndNeedsNoCsrfToken() throws Exception {
        ok(call("POST", "/api/tokens", "{\"name\": \"t\"}"), 201);
    }

    @Nested
    class OverHttps extends ApiServer {
        @Override
        Optional<URI> publicUrl() {
            return Optional.of(URI.create("https://catwalk.example.com"));
        }

        @Test
        void theCookieIsHostPrefixedAndSecure() throws Exception {
            HttpResponse<String> signedIn = call("POST", "/api/session",
                    "{\"token\": \"" + FakeControlPlane.ALICE_TOKEN + "\"}", null);
            String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(setCookie.startsWith("__Host-catwalk_session=cws_") && setCookie.contains("; Secure"),
                    setCookie);
        }
    }
}
