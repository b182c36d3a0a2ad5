package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import live.catwalk.adapters.rest.mcp.RawHttp;
import live.catwalk.adapters.rest.mcp.RawHttp.Reply;
import org.junit.jupiter.api.Test;

/** Without a public URL, links name the bound address whatever Host the request carried. */
class LinksIT extends ApiServer {

    private static final String CREATE = "{\"name\":\"x\",\"package\":{\"registry\":\"pypi\",\"name\":\"mcp-x\"}}";

    private static Map<String, String> as(String host) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", host);
        headers.put("Authorization", "Bearer " + FakeControlPlane.ALICE_TOKEN);
        headers.put("Content-Type", "application/json");
        return headers;
    }

    @Test
    void linksNeverEchoTheRequestsHost() throws Exception {
        String bound = "http://127.0.0.1:" + base.getPort();

        Reply created = RawHttp.send(base, "POST", "/api/deployments", as(ALLOWED_PROXY_HOST + ":80"), CREATE);

        assertEquals(201, created.status(), created::body);
        JsonNode body = JSON.readTree(created.body());
        String id = body.path("id").asText();
        assertEquals(bound + "/mcp/" + id, body.path("mcpUrl").asText());
        assertEquals(bound + "/api/deployments/" + id, created.header("Location"));
        Reply connect = RawHttp.send(base, "GET", "/api/deployments/" + id + "/connect", as(ALLOWED_PROXY_HOST), null);
        assertEquals(200, connect.status(), connect::body);
        assertFalse(connect.body().contains(ALLOWED_PROXY_HOST), connect.body());
        assertTrue(JSON.readTree(connect.body()).path("claudeCode").asText().contains(bound + "/mcp/" + id),
                connect.body());
    }

    @Test
    void aForeignHostIsRefusedBeforeTheTokenIsEvenLookedAt() throws Exception {
        Reply refused = RawHttp.send(base, "POST", "/api/deployments", as("evil.example"), CREATE);

        assertEquals(421, refused.status(), refused::body);
        assertEquals("misdirected_request", JSON.readTree(refused.body()).path("error").asText());
        assertEquals(0, JSON.readTree(get("/api/deployments").body()).path("items").size());
    }
}
