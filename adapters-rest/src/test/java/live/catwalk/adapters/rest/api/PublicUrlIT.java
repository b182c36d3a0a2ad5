package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import live.catwalk.adapters.rest.mcp.RawHttp;
import org.junit.jupiter.api.Test;

class PublicUrlIT extends ApiServer {

    @Override
    Optional<URI> publicUrl() {
        return Optional.of(URI.create("https://catwalk.example.com/"));
    }

    @Test
    void linksUseTheConfiguredPublicUrlInsteadOfTheRequestsHost() throws Exception {
        var response = call("POST", "/api/deployments",
                "{\"name\":\"x\",\"package\":{\"registry\":\"pypi\",\"name\":\"mcp-x\"}}");
        JsonNode created = ok(response, 201);
        String id = created.path("id").asText();

        assertEquals("https://catwalk.example.com/mcp/" + id, created.path("mcpUrl").asText());
        assertEquals("https://catwalk.example.com/api/deployments/" + id,
                response.headers().firstValue("Location").orElse(""));
        assertEquals("https://catwalk.example.com/mcp/" + id,
                ok(get("/api/deployments/" + id + "/connect"), 200).path("generic").path("url").asText());
        assertEquals("null", created.path("package").path("version").toString());
    }

    @Test
    void thePublicUrlsHostIsAcceptedAndNeverReplacedByTheRequestsHost() throws Exception {
        Map<String, String> headers = Map.of("Host", "catwalk.example.com",
                "Authorization", "Bearer " + FakeControlPlane.ALICE_TOKEN, "Content-Type", "application/json");
        RawHttp.Reply created = RawHttp.send(base, "POST", "/api/deployments", headers,
                "{\"name\":\"y\",\"package\":{\"registry\":\"pypi\",\"name\":\"mcp-y\"}}");
        assertEquals(201, created.status(), created::body);
        assertTrue(JSON.readTree(created.body()).path("mcpUrl").asText().startsWith("https://catwalk.example.com/mcp/"));

        Map<String, String> viaProxy = Map.of("Host", ALLOWED_PROXY_HOST,
                "Authorization", "Bearer " + FakeControlPlane.ALICE_TOKEN);
        RawHttp.Reply list = RawHttp.send(base, "GET", "/api/deployments", viaProxy, null);
        assertEquals(200, list.status(), list::body);
        assertFalse(list.body().contains(ALLOWED_PROXY_HOST), list.body());
    }
}
