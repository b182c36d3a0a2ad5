package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import live.catwalk.adapters.rest.RateLimits;
import live.catwalk.adapters.rest.TrustedProxies;
import live.catwalk.core.shared.limit.RateLimit;
import org.junit.jupiter.api.Test;

/**
 * The authorization server's rate limits: failed grants and client authentications at {@code /token} and
 * {@code /revoke} count against the client's address, registrations at {@code /register} too; a refusal is 429 in
 * OAuth's error shape with Retry-After. 127.0.0.1 is a trusted proxy, so X-Forwarded-For plays other clients.
 */
class OAuthRateLimitsIT extends OAuthHttpHarness {

    @Override
    RateLimits rateLimits() {
        return new RateLimits(Optional.of(new RateLimit(2, Duration.ofMinutes(1))), Optional.empty(), Optional.empty(),
                Optional.of(new RateLimit(2, Duration.ofHours(1))), TrustedProxies.parse("127.0.0.1"));
    }

    private HttpResponse<String> post(String path, String contentType, String body, String from) throws Exception {
        return client.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
                .header("X-Forwarded-For", from).POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> token(String code, String from) throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("grant_type", "authorization_code");
        p.put("code", code);
        p.put("redirect_uri", app.redirectUris().getFirst().toString());
        p.put("code_verifier", VERIFIER);
        p.put("client_id", app.id().value());
        p.put("resource", resource());
        return post("/token", "application/x-www-form-urlencoded", form(p), from);
    }

    private static void assertLimited(HttpResponse<String> r, String code, String limit, long seconds) throws Exception {
        assertEquals(429, r.statusCode(), r.body());
        assertEquals(String.valueOf(seconds), r.headers().firstValue("Retry-After").orElse(""));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        JsonNode body = JSON.readTree(r.body());
        assertEquals(code, body.path("error").asText(), r.body());
        assertTrue(body.path("error_description").asText().contains(limit), r.body());
    }

    @Test
    void wrongCodesFromOneAddressGetItRefusedAtTheTokenEndpointUntilTheWindowEnds() throws Exception {
        String code = code();
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> wrong = token("cwo_" + ("guess" + i).repeat(8), "198.51.100.7");
            assertEquals(400, wrong.statusCode(), wrong.body());
            assertEquals("invalid_grant", JSON.readTree(wrong.body()).path("error").asText());
        }

        assertLimited(token(code, "198.51.100.7"), "authentication_rate_limited", "2 failed authentications a minute",
                60);
        clock.advance(Duration.ofMinutes(1));
        assertEquals(200, token(code, "198.51.100.7").statusCode(), "the code was not spent by the refusal");
    }

    @Test
    void aClientThatFailsToAuthenticateAtRevokeCountsToo() throws Exception {
        String form = "token=x&client_id=no-such-client&client_secret=cws_" + "s".repeat(32);
        for (int i = 0; i < 2; i++) {
            assertEquals(401, post("/revoke", "application/x-www-form-urlencoded", form, "192.0.2.9").statusCode());
        }

        assertLimited(post("/revoke", "application/x-www-form-urlencoded", form, "192.0.2.9"),
                "authentication_rate_limited", "2 failed authentications a minute", 60);
    }

    @Test
    void anAddressMayRegisterOnlySoManyClientsAnHour() throws Exception {
        String metadata = "{\"redirect_uris\": [\"https://app.example/cb\"], \"client_name\": \"App\"}";
        for (int i = 0; i < 2; i++) {
            assertEquals(201, post("/register", "application/json", metadata, "203.0.113.4").statusCode());
        }
        clock.advance(Duration.ofMinutes(10));

        assertLimited(post("/register", "application/json", metadata, "203.0.113.4"), "registration_rate_limited",
                "2 registrations an hour", 3000);
        assertEquals(201, post("/register", "application/json", metadata, "203.0.113.5").statusCode());
    }
}
