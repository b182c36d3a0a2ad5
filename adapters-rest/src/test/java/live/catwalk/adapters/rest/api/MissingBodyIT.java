package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import live.catwalk.adapters.rest.mcp.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A route that reads a JSON body answers 400, not 500, when there is none (no body, or Content-Length: 0). */
class MissingBodyIT extends ApiServer {

    @ParameterizedTest
    @CsvSource({"POST, /api/deployments", "POST, /api/tokens", "POST, /api/users", "PUT, /api/settings",
        "PUT, /api/deployments/{id}/env"})
    void aMissingBodyIs400(String method, String route) throws Exception {
        String path = route.replace("{id}", createDeployment("x").path("id").asText());
        Map<String, String> auth = Map.of("Authorization", "Bearer " + FakeControlPlane.ALICE_TOKEN);

        for (String body : new String[] {null, ""}) {
            RawHttp.Reply reply = RawHttp.send(base, method, path, auth, body);
            assertEquals(400, reply.status(), reply::body);
            JsonNode problem = JSON.readTree(reply.body());
            assertEquals("invalid_json", problem.path("error").asText(), reply::body);
            assertEquals("body", problem.path("field").asText(), reply::body);
        }
    }

    @Test
    void anAnonymousCallerStillGets401First() throws Exception {
        assertEquals(401, RawHttp.send(base, "POST", "/api/tokens", Map.of(), null).status());
    }

    @Test
    void aRouteThatReadsNoBodyIsUnaffected() throws Exception {
        String id = createDeployment("x").path("id").asText();
        Map<String, String> auth = Map.of("Authorization", "Bearer " + FakeControlPlane.ALICE_TOKEN);

        assertEquals(200, RawHttp.send(base, "POST", "/api/deployments/" + id + "/stop", auth, null).status());
    }
}
