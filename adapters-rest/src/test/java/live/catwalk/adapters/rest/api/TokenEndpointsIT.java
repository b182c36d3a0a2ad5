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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code /token}, {@code /register}, {@code /revoke} and the server's metadata over HTTP: OAuth's own JSON, no-store,
 * CORS for browser clients, client credentials by form or Basic (never both), and the flow's HTTP rules.
 */
class TokenEndpointsIT extends OAuthHttpHarness {

    private HttpResponse<String> formPost(String path, Map<String, String> p, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(BodyPublishers.ofString(form(p)));
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return client.send(r.build(), BodyHandlers.ofString());
    }

    private Map<String, String> exchange(String code) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("grant_type", "authorization_code");
        p.put("code", code);
        p.put("redirect_uri", app.redirectUris().getFirst().toString());
        p.put("code_verifier", VERIFIER);
        p.put("client_id", app.id().value());
        p.put("resource", resource());
        return p;
    }

    @Test
    void theMetadataSaysWhatClaudeLooksFor() throws Exception {
        HttpResponse<String> r = call("GET", "/.well-known/oauth-authorization-server", null, null);
        assertEquals(200, r.statusCode());
        JsonNode m = JSON.readTree(r.body());
        String issuer = base.toString().substring(0, base.toString().length() - 1);
        assertEquals(issuer, m.path("issuer").asText());
        assertEquals(issuer + "/authorize", m.path("authorization_endpoint").asText());
        assertEquals(issuer + "/token", m.path("token_endpoint").asText());
        assertEquals(issuer + "/register", m.path("registration_endpoint").asText());
        assertEquals(issuer + "/revoke", m.path("revocation_endpoint").asText());
        assertEquals("[\"S256\"]", m.path("code_challenge_methods_supported").toString());
        assertTrue(m.path("token_endpoint_auth_methods_supported").toString().contains("\"none\""));
        assertTrue(m.path("client_id_metadata_document_supported").asBoolean());
        assertTrue(m.path("authorization_response_iss_parameter_supported").asBoolean());
        assertEquals("[\"mcp\",\"offline_access\"]", m.path("scopes_supported").toString());
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }

    @Test
    void aCodeBecomesTokensOnceAndTheRefreshTokenRotates() throws Exception {
        String code = code();
        HttpResponse<String> r = formPost("/token", exchange(code), null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
        assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        JsonNode t = JSON.readTree(r.body());
        assertTrue(t.path("access_token").asText().startsWith("cwa_"), r.body());
        assertEquals("Bearer", t.path("token_type").asText());
        assertEquals(3600, t.path("expires_in").asLong());
        assertTrue(t.path("refresh_token").asText().startsWith("cwr_"));
        assertEquals("mcp", t.path("scope").asText());

        Map<String, String> refresh = new LinkedHashMap<>();
        refresh.put("grant_type", "refresh_token");
        refresh.put("refresh_token", t.path("refresh_token").asText());
        refresh.put("client_id", app.id().value());
        HttpResponse<String> rotated = formPost("/token", refresh, null);
        assertEquals(200, rotated.statusCode(), rotated.body());
        assertFalse(JSON.readTree(rotated.body()).path("refresh_token").asText().equals(t.path("refresh_token").asText()));
        HttpResponse<String> reused = formPost("/token", refresh, null);
        assertEquals("invalid_grant", JSON.readTree(reused.body()).path("error").asText(), "reuse is detected");

        HttpResponse<String> replay = formPost("/token", exchange(code), null);
        assertEquals(400, replay.statusCode());
        assertEquals("invalid_grant", JSON.readTree(replay.body()).path("error").asText(), "a code is used once");
    }

    @Test
    void aFormThatCannotBeReadIsInvalidRequestAndAnUnknownClientA401() throws Exception {
        Map<String, String> p = exchange(code());
        HttpResponse<String> twice = client.send(HttpRequest.newBuilder(base.resolve("/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(BodyPublishers.ofString(form(p) + "&resource=" + resource())).build(), BodyHandlers.ofString());
        assertEquals(400, twice.statusCode());
        assertEquals("invalid_request", JSON.readTree(twice.body()).path("error").asText());

        p.put("client_id", "cwc_" + "q".repeat(40));
        HttpResponse<String> unknown = formPost("/token", p, null);
        assertEquals(401, unknown.statusCode());
        assertEquals("invalid_client", JSON.readTree(unknown.body()).path("error").asText());

        Map<String, String> noClient = exchange("cwo_x");
        noClient.remove("client_id");
        assertEquals(401, formPost("/token", noClient, null).statusCode());
        String basic = "Basic " + Base64.getEncoder().encodeToString("a:b".getBytes(StandardCharsets.UTF_8));
        Map<String, String> both = exchange("cwo_x");
        both.put("client_secret", "s");
        assertEquals("invalid_request", JSON.readTree(formPost("/token", both, basic).body()).path("error").asText());
        HttpResponse<String> badBasic = formPost("/token", exchange("cwo_x"), "Basic !!!");
        assertEquals(401, badBasic.statusCode());
        assertEquals("Basic realm=\"catwalk\"", badBasic.headers().firstValue("WWW-Authenticate").orElse(""));
    }

    @Test
    void registrationHonoursTheAuthMethodAndAConfidentialClientUsesBasic() throws Exception {
        HttpResponse<String> pub = call("POST", "/register", """
                {"client_name": "claudeai", "grant_types": ["authorization_code", "refresh_token"],
                 "response_types": ["code"], "token_endpoint_auth_method": "none", "scope": "claudeai",
                 "redirect_uris": ["https://claude.ai/api/mcp/auth_callback"]}""", null);
        assertEquals(201, pub.statusCode(), pub.body());
        JsonNode p = JSON.readTree(pub.body());
        assertTrue(p.path("client_id").asText().startsWith("cwc_"));
        assertTrue(p.path("client_id_issued_at").isIntegralNumber());
        assertTrue(p.path("client_secret").isMissingNode(), "a public client gets no secret");
        assertEquals("none", p.path("token_endpoint_auth_method").asText());

        HttpResponse<String> conf = call("POST", "/register", """
                {"redirect_uris": ["http://127.0.0.1/callback"]}""", null);
        assertEquals(201, conf.statusCode(), conf.body());
        JsonNode c = JSON.readTree(conf.body());
        assertEquals("client_secret_basic", c.path("token_endpoint_auth_method").asText());
        assertTrue(c.path("client_secret").asText().startsWith("cws_"));
        assertEquals(0, c.path("client_secret_expires_at").asInt());

        String basic = "Basic " + Base64.getEncoder().encodeToString((c.path("client_id").asText() + ":"
                + c.path("client_secret").asText()).getBytes(StandardCharsets.UTF_8));
        Map<String, String> revoke = Map.of("token", "cwa_" + "u".repeat(40));
        assertEquals(200, formPost("/revoke", revoke, basic).statusCode(), "an unknown token: a silent success");
        String wrong = "Basic " + Base64.getEncoder().encodeToString((c.path("client_id").asText() + ":cws_nope")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(401, formPost("/revoke", revoke, wrong).statusCode());

        HttpResponse<String> bad = call("POST", "/register", "{\"redirect_uris\": [\"http://evil.example/cb\"]}", null);
        assertEquals(400, bad.statusCode());
        assertEquals("invalid_redirect_uri", JSON.readTree(bad.body()).path("error").asText());
        HttpResponse<String> wrongType = call("POST", "/register", "{\"redirect_uris\": \"https://a.example/cb\"}",
                null);
        assertEquals("invalid_client_metadata", JSON.readTree(wrongType.body()).path("error").asText());
    }

    @Test
    void revokingTheRefreshTokenEndsTheGrant() throws Exception {
        JsonNode t = JSON.readTree(formPost("/token", exchange(code()), null).body());
        Map<String, String> revoke = new LinkedHashMap<>();
        revoke.put("token", t.path("refresh_token").asText());
        revoke.put("client_id", app.id().value());
        assertEquals(200, formPost("/revoke", revoke, null).statusCode());
        assertTrue(stores.oauth().grantsOf(weather.id()).isEmpty(), "no live grant is left");
    }

    @Test
    void theOwnerSeesTheConnectedApplicationAndDisconnectsIt() throws Exception {
        JsonNode t = JSON.readTree(formPost("/token", exchange(code()), null).body());
        String apps = "/api/deployments/" + weather.id().value() + "/apps";
        JsonNode items = ok(get(apps), 200).path("items");
        assertEquals(1, items.size(), items.toString());
        JsonNode app = items.get(0);
        assertEquals(app.path("clientId").asText(), this.app.id().value());
        assertEquals("Tool <script>alert(1)</script>", app.path("name").asText(), "JSON carries it as it is");
        assertEquals("registered", app.path("kind").asText());
        assertEquals("[\"mcp\"]", app.path("scopes").toString());
        assertProblem(call("GET", apps, null, FakeControlPlane.BOB_TOKEN), 404, "not_found");
        assertProblem(call("DELETE", apps + "/" + app.path("id").asText(), null, FakeControlPlane.BOB_TOKEN), 404,
                "not_found");

        assertEquals(204, call("DELETE", apps + "/" + app.path("id").asText(), null).statusCode());
        assertEquals(0, ok(get(apps), 200).path("items").size());
        Map<String, String> refresh = new LinkedHashMap<>();
        refresh.put("grant_type", "refresh_token");
        refresh.put("refresh_token", t.path("refresh_token").asText());
        refresh.put("client_id", this.app.id().value());
        assertEquals("invalid_grant", JSON.readTree(formPost("/token", refresh, null).body()).path("error").asText(),
                "a disconnected application's tokens stop working");
        assertProblem(call("DELETE", apps + "/" + app.path("id").asText(), null), 404, "not_found");
        assertProblem(call("DELETE", apps + "/not-a-grant", null), 404, "not_found");
    }

    @Test
    void browsersMayCallTheEndpointsFromAnyOrigin() throws Exception {
        for (String path : new String[] {"/token", "/register", "/revoke"}) {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve(path))
                    .method("OPTIONS", BodyPublishers.noBody()).header("Origin", "http://localhost:6274")
                    .header("Access-Control-Request-Method", "POST").build(), BodyHandlers.ofString());
            assertEquals(204, r.statusCode(), path);
            assertEquals("*", r.headers().firstValue("Access-Control-Allow-Origin").orElse(""), path);
        }
        assertEquals(URI.create(base + "token").getPath(), "/token");
    }
}
