package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import live.catwalk.core.shared.domain.SettingName;
import org.junit.jupiter.api.Test;

/** On a Catwalk whose operator has not configured Fly, a Fly token or app would go unused: setting one is refused. */
class FlySettingsWithoutFlyIT extends ApiServer {

    {
        fake.settingsInUse = EnumSet.of(SettingName.OPENROUTER_API_KEY);
    }

    @Test
    void aFlyTokenIsRefusedSayingTheOperatorHasNotConfiguredFly() throws Exception {
        var refused = call("PUT", "/api/settings", "{\"flyApiToken\":\"fly-SECRET\",\"openrouterApiKey\":\"or-1\"}");

        JsonNode problem = assertProblem(refused, 400, "fly_not_configured");
        assertEquals("flyApiToken", problem.path("field").asText(), refused.body());
        assertTrue(problem.path("message").asText().contains("operator has not configured Fly.io"), refused.body());
        assertFalse(refused.body().contains("SECRET"), refused.body());
        assertTrue(fake.settings.isEmpty(), "nothing was changed, the OpenRouter key included");
    }

    @Test
    void aTokenAndAnAppTogetherAreOne400NamingBoth() throws Exception {
        var refused = call("PUT", "/api/settings", "{\"flyApiToken\":\"fly-1\",\"flyApp\":\"ada-mcp\"}");

        JsonNode problem = assertProblem(refused, 400, "fly_not_configured");
        assertEquals("flyApiToken", problem.path("field").asText(), refused.body());
        assertTrue(problem.path("message").asText().contains("flyApiToken and flyApp"), refused.body());
        assertProblem(call("PUT", "/api/settings", "{\"flyApp\":\"ada-mcp\"}"), 400, "fly_not_configured");
    }

    @Test
    void clearingThemIsAlwaysAllowed() throws Exception {
        // Stored while the operator ran on Fly, say.
        fake.settings.put(fake.alice.id(), new EnumMap<>(Map.of(SettingName.FLY_API_TOKEN, "fly-1",
                SettingName.FLY_APP, "ada-mcp")));

        JsonNode cleared = ok(call("PUT", "/api/settings", "{\"flyApiToken\":null,\"flyApp\":\"\"}"), 200);

        assertFalse(cleared.path("flyApiToken").path("set").asBoolean(), cleared.toString());
        assertFalse(cleared.path("flyApp").path("set").asBoolean(), cleared.toString());
        assertTrue(fake.settings.get(fake.alice.id()).isEmpty());
    }

    @Test
    void otherSettingsAreSetAsUsual() throws Exception {
        ok(call("PUT", "/api/settings", "{\"openrouterApiKey\":\"or-1\"}"), 200);

        assertEquals(Map.of(SettingName.OPENROUTER_API_KEY, "or-1"), fake.settings.get(fake.alice.id()));
    }
}
