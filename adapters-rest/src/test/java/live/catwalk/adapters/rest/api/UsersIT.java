package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class UsersIT extends ApiServer {

    @Test
    void anAdminCreatesAUserAndGetsItsFirstTokenOnce() throws Exception {
        JsonNode created = ok(call("POST", "/api/users", "{\"name\":\"carol\",\"role\":\"user\"}"), 201);

        assertEquals("carol", created.path("user").path("name").asText());
        assertEquals("user", created.path("user").path("role").asText());
        assertTrue(created.path("token").asText().startsWith("cwk_"), created.toString());
    }

    @Test
    void aUserWhoIsNotAnAdminIsForbiddenAndABadRoleIsNamed() throws Exception {
        assertProblem(call("POST", "/api/users", "{\"name\":\"carol\"}", FakeControlPlane.BOB_TOKEN), 403, "forbidden");
        JsonNode bad = assertProblem(call("POST", "/api/users", "{\"name\":\"carol\",\"role\":\"owner\"}"), 400,
                "invalid_input");
        assertEquals("role", bad.path("field").asText());
        assertProblem(call("POST", "/api/users", "{}"), 400, "invalid_input");
    }

    @Test
    void aMissingNameAndABadRoleAreReportedTogether() throws Exception {
        JsonNode body = assertProblem(call("POST", "/api/users", "{\"role\":\"owner\"}"), 422, "validation_failed");

        assertEquals("name", body.path("problems").path(0).path("field").asText(), body.toString());
        assertEquals("role", body.path("problems").path(1).path("field").asText(), body.toString());
        assertEquals(2, body.path("problems").size(), body.toString());
    }
}
