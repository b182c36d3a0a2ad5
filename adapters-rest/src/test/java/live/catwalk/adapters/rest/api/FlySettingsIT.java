package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import live.catwalk.core.shared.domain.SettingName;
import org.junit.jupiter.api.Test;

/** A user's own Fly token and app on a Catwalk that runs deployments on Fly: the app is checked at the edge. */
class FlySettingsIT extends ApiServer {

    @Test
    void aTokenAndAnAppAreSetTogetherAndReadBackOnlyAsSet() throws Exception {
        var set = call("PUT", "/api/settings", "{\"flyApiToken\":\"FlyV1 fm2_SECRET\",\"flyApp\":\" ada-mcp-2 \"}");

        JsonNode body = ok(set, 200);
        assertTrue(body.path("flyApiToken").path("set").asBoolean(), body.toString());
        assertTrue(body.path("flyApp").path("set").asBoolean(), body.toString());
        assertEquals(Map.of(SettingName.FLY_API_TOKEN, "FlyV1 fm2_SECRET", SettingName.FLY_APP, "ada-mcp-2"),
                fake.settings.get(fake.alice.id()));
        assertFalse(set.body().contains("SECRET") || set.body().contains("ada-mcp"), set.body());
    }

    @Test
    void anAppThatIsNoFlyAppNameIsRefusedNamingTheFieldWithoutEchoingIt() throws Exception {
        for (String app : new String[] {"Ada-MCP", "ada_mcp", "a".repeat(64), "../machines", "ada mcp"}) {
            var refused = call("PUT", "/api/settings", "{\"flyApp\":\"" + app + "\"}");

            JsonNode problem = assertProblem(refused, 400, "invalid_input");
            assertEquals("flyApp", problem.path("field").asText(), refused.body());
            assertTrue(problem.path("hint").asText().contains("lowercase letters, digits and dashes, 1 to 63"),
                    refused.body());
            assertFalse(refused.body().contains(app), refused.body());
        }
        assertTrue(fake.settings.isEmpty(), "nothing is stored");
    }

    @Test
    void aBadAppAndABadTokenAreReportedTogetherAndNeitherIsStored() throws Exception {
        JsonNode body = assertProblem(call("PUT", "/api/settings",
                "{\"flyApiToken\":\"fm2_a\\nfm2_b\",\"flyApp\":\"No\"}"), 422, "validation_failed");

        assertEquals("flyApiToken", body.path("problems").path(0).path("field").asText(), body.toString());
        assertEquals("flyApp", body.path("problems").path(1).path("field").asText(), body.toString());
        assertTrue(fake.settings.isEmpty());
    }

    @Test
    void theAppIsClearedByNullOrBlankLikeEveryOtherSetting() throws Exception {
        ok(call("PUT", "/api/settings", "{\"flyApp\":\"ada-mcp\"}"), 200);

        JsonNode cleared = ok(call("PUT", "/api/settings", "{\"flyApp\":\"  \"}"), 200);

        assertFalse(cleared.path("flyApp").path("set").asBoolean(), cleared.toString());
        assertTrue(fake.settings.get(fake.alice.id()).isEmpty());
    }
}
