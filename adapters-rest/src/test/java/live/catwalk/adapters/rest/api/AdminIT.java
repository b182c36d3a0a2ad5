package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The admin routes: list, disable and enable users; revoke anyone's token; act on anyone's deployment. */
class AdminIT extends ApiServer {

    private static final String BOB = FakeControlPlane.BOB_TOKEN;

    private String bobsDeployment() throws Exception {
        return ok(call("POST", "/api/deployments", """
                {"name": "bobs", "package": {"registry": "npm", "name": "@acme/mcp"}}""", BOB), 201)
                .path("id").asText();
    }

    @Test
    void anAdminListsUsersWithIdNameRoleDisabledFlagAndCreationTimeInPages() throws Exception {
        JsonNode page = ok(get("/api/users"), 200);

        assertEquals(2, page.path("items").size(), page.toString());
        JsonNode alice = page.path("items").get(0);
        assertEquals(fake.alice.id().toString(), alice.path("id").asText());
        assertEquals("alice", alice.path("name").asText());
        assertEquals("admin", alice.path("role").asText());
        assertFalse(alice.path("disabled").asBoolean(true));
        assertEquals(FakeControlPlane.T0.toString(), alice.path("createdAt").asText());
        assertEquals(0, page.path("offset").asInt());
        assertEquals(20, page.path("limit").asInt());
        JsonNode second = ok(get("/api/users?offset=1&limit=1"), 200);
        assertEquals("bob", second.path("items").get(0).path("name").asText());
        assertEquals("limit", assertProblem(get("/api/users?limit=101"), 400, "invalid_input").path("field").asText());
    }

    @Test
    void aUserWhoIsNotAnAdminGets403OnEveryAdminRouteWhateverTheId() throws Exception {
        String alice = fake.alice.id().toString();

        assertProblem(call("GET", "/api/users", null, BOB), 403, "forbidden");
        assertProblem(call("POST", "/api/users/" + alice + "/disable", null, BOB), 403, "forbidden");
        assertProblem(call("POST", "/api/users/" + alice + "/enable", null, BOB), 403, "forbidden");
        assertProblem(call("POST", "/api/users/not-a-uuid/disable", null, BOB), 403, "forbidden");
        assertFalse(fake.disabled.getOrDefault(fake.alice.id(), false));
    }

    @Test
    void disablingAUserStopsTheirDeploymentsAndTheirTokenGets401() throws Exception {
        String deployment = bobsDeployment();

        JsonNode disabled = ok(call("POST", "/api/users/" + fake.bob.id() + "/disable", null), 200);

        assertTrue(disabled.path("user").path("disabled").asBoolean(), disabled.toString());
        assertEquals("bob", disabled.path("user").path("name").asText());
        assertEquals(1, disabled.path("deploymentsStopped").asInt());
        assertTrue(disabled.has("tokensRevoked"), disabled.toString());
        assertProblem(call("GET", "/api/me", null, BOB), 401, "unauthorized");
        assertEquals("stopped", ok(get("/api/deployments/" + deployment), 200).path("desiredState").asText());
        assertTrue(ok(get("/api/users"), 200).path("items").get(1).path("disabled").asBoolean());
    }

    @Test
    void anAdminCannotDisableThemselvesAndAnUnknownOrMalformedUserIsNotFound() throws Exception {
        JsonNode self = assertProblem(call("POST", "/api/users/" + fake.alice.id() + "/disable", null), 409,
                "conflict");

        assertTrue(self.path("message").asText().contains("yourself"), self.toString());
        assertProblem(call("POST", "/api/users/00000000-0000-0000-0000-000000000000/disable", null), 404,
                "not_found");
        assertProblem(call("POST", "/api/users/not-a-uuid/disable", null), 404, "not_found");
    }

    @Test
    void enablingADisabledUserAnswersANewTokenAndEnablingAnEnabledOneIsAConflict() throws Exception {
        ok(call("POST", "/api/users/" + fake.bob.id() + "/disable", null), 200);

        JsonNode enabled = ok(call("POST", "/api/users/" + fake.bob.id() + "/enable", null), 200);

        assertFalse(enabled.path("user").path("disabled").asBoolean(true));
        assertTrue(enabled.path("token").asText().startsWith("cwk_"), enabled.toString());
        assertProblem(call("POST", "/api/users/" + fake.bob.id() + "/enable", null), 409, "conflict");
    }

    @Test
    void anAdminRevokesAnotherUsersTokenButAUserCannotRevokeAnAdminsToken() throws Exception {
        String bobs = ok(call("POST", "/api/tokens", "{\"name\":\"laptop\"}", BOB), 201).path("id").asText();
        String alices = ok(call("POST", "/api/tokens", "{\"name\":\"laptop\"}"), 201).path("id").asText();

        JsonNode listed = ok(get("/api/users/" + fake.bob.id() + "/tokens"), 200);
        assertEquals(bobs, listed.path("items").get(0).path("id").asText(), listed.toString());
        assertFalse(listed.toString().contains("xyzSECRET"), "never a secret");
        assertProblem(call("GET", "/api/users/" + fake.alice.id() + "/tokens", null, BOB), 403, "forbidden");
        assertProblem(get("/api/users/00000000-0000-0000-0000-000000000000/tokens"), 404, "not_found");

        assertEquals(204, call("DELETE", "/api/tokens/" + bobs, null).statusCode());
        assertProblem(call("DELETE", "/api/tokens/" + alices, null, BOB), 404, "not_found");

        JsonNode bobsTokens = ok(call("GET", "/api/tokens", null, BOB), 200);
        assertFalse(bobsTokens.path("items").get(0).path("revokedAt").isNull(), bobsTokens.toString());
    }

    @Test
    void anAdminGetsAndStopsSomeoneElsesDeploymentWhileAUserStillGets404OnAnAdminsOne() throws Exception {
        String bobs = bobsDeployment();
        String alices = createDeployment("alices").path("id").asText();

        assertEquals("bobs", ok(get("/api/deployments/" + bobs), 200).path("name").asText());
        JsonNode stopped = ok(call("POST", "/api/deployments/" + bobs + "/stop", null), 200);

        assertEquals("stopped", stopped.path("desiredState").asText(), stopped.toString());
        assertProblem(call("GET", "/api/deployments/" + alices, null, BOB), 404, "not_found");
        assertProblem(call("POST", "/api/deployments/" + alices + "/stop", null, BOB), 404, "not_found");
    }
}
