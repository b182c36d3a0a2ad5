package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import live.catwalk.core.shared.domain.SettingName;
import org.junit.jupiter.api.Test;

class AccountsIT extends ApiServer {

    @Test
    void meIsTheCallersIdNameRoleAndCreationTime() throws Exception {
        JsonNode me = ok(get("/api/me"), 200);

        assertEquals("00000000-0000-0000-0000-00000000a11c", me.path("id").asText());
        assertEquals("alice", me.path("name").asText());
        assertEquals("admin", me.path("role").asText());
        assertEquals("2026-01-02T03:04:05Z", me.path("createdAt").asText());
        assertEquals(4, me.size(), me.toString());
    }

    @Test
    void anIssuedTokenIsShownOnceAndListedWithoutItsSecret() throws Exception {
        JsonNode issued = ok(call("POST", "/api/tokens", "{\"name\":\"laptop\"}"), 201);
        String secret = issued.path("token").asText();

        assertTrue(secret.startsWith("cwk_"), issued.toString());
        assertEquals("laptop", issued.path("name").asText());
        assertTrue(issued.path("prefix").asText().startsWith("cwk_"));
        assertFalse(issued.path("id").asText().isEmpty());
        assertFalse(issued.path("createdAt").asText().isEmpty());

        var list = get("/api/tokens");
        JsonNode items = ok(list, 200).path("items");
        assertEquals(1, items.size());
        JsonNode listed = items.get(0);
        assertEquals(issued.path("id"), listed.path("id"));
        assertTrue(listed.has("lastUsedAt") && listed.path("lastUsedAt").isNull(), listed.toString());
        assertTrue(listed.path("revokedAt").isNull());
        assertFalse(listed.has("token"));
        assertFalse(list.body().contains(secret), list.body());
    }

    @Test
    void aRevokedTokenAnswers204AndShowsWhenItWasRevoked() throws Exception {
        String id = ok(call("POST", "/api/tokens", "{\"name\":\"ci\"}"), 201).path("id").asText();

        var revoked = call("DELETE", "/api/tokens/" + id, null);

        assertEquals(204, revoked.statusCode());
        assertFalse(ok(get("/api/tokens"), 200).path("items").get(0).path("revokedAt").isNull());
        assertProblem(call("DELETE", "/api/tokens/" + id, null), 404, "not_found");
    }

    @Test
    void anUnknownOrMalformedTokenIdIsNotFound() throws Exception {
        assertProblem(call("DELETE", "/api/tokens/00000000-0000-0000-0000-000000000009", null), 404, "not_found");
        assertProblem(call("DELETE", "/api/tokens/not-a-uuid", null), 404, "not_found");
    }

    @Test
    void aTokenNeedsAName() throws Exception {
        JsonNode missing = assertProblem(call("POST", "/api/tokens", "{}"), 400, "invalid_input");
        JsonNode blank = assertProblem(call("POST", "/api/tokens", "{\"name\":\" \"}"), 400, "invalid_input");

        assertEquals("name", missing.path("field").asText());
        assertEquals("name", blank.path("field").asText());
    }

    @Test
    void settingsSayOnlyWhetherEachIsSet() throws Exception {
        fake.settings.put(fake.alice.id(), new java.util.EnumMap<>(Map.of(SettingName.FLY_API_TOKEN, "fly-SECRET")));

        var response = get("/api/settings");
        JsonNode body = ok(response, 200);

        assertEquals("{\"openrouterApiKey\":{\"set\":false},\"flyApiToken\":{\"set\":true},"
                + "\"flyApp\":{\"set\":false}}", body.toString());
        assertFalse(response.body().contains("fly-SECRET"));
    }

    @Test
    void aSettingIsSetTrimmedClearedByNullOrBlankAndLeftAloneWhenAbsent() throws Exception {
        JsonNode set = ok(call("PUT", "/api/settings",
                "{\"openrouterApiKey\":\"  or-SECRET \",\"flyApiToken\":\"fly-1\"}"), 200);
        assertEquals(Map.of(SettingName.OPENROUTER_API_KEY, "or-SECRET", SettingName.FLY_API_TOKEN, "fly-1"),
                fake.settings.get(fake.alice.id()));
        assertTrue(set.path("openrouterApiKey").path("set").asBoolean());

        JsonNode cleared = ok(call("PUT", "/api/settings", "{\"openrouterApiKey\":null}"), 200);
        assertFalse(cleared.path("openrouterApiKey").path("set").asBoolean());
        assertTrue(cleared.path("flyApiToken").path("set").asBoolean(), "an absent field stays as it is");

        var blanked = call("PUT", "/api/settings", "{\"flyApiToken\":\"   \"}");
        assertFalse(ok(blanked, 200).path("flyApiToken").path("set").asBoolean());
        assertTrue(fake.settings.get(fake.alice.id()).isEmpty());
        assertFalse(blanked.body().contains("SECRET"));
    }

    @Test
    void aSettingThatIsNotAStringIsRefusedNamingIt() throws Exception {
        JsonNode problem = assertProblem(call("PUT", "/api/settings", "{\"flyApiToken\":42}"), 400, "invalid_input");

        assertEquals("flyApiToken", problem.path("field").asText());
        assertTrue(fake.settings.isEmpty());
    }

    @Test
    void twoWrongSettingsAreReportedTogetherAndNeitherIsStored() throws Exception {
        JsonNode body = assertProblem(call("PUT", "/api/settings", "{\"openrouterApiKey\":[\"k\"],\"flyApiToken\":42}"),
                422, "validation_failed");

        assertEquals("openrouterApiKey", body.path("problems").path(0).path("field").asText(), body.toString());
        assertEquals("flyApiToken", body.path("problems").path(1).path("field").asText(), body.toString());
        assertTrue(fake.settings.isEmpty());
    }

    @Test
    void anUnknownSettingIsRefusedListingTheKnownOnes() throws Exception {
        JsonNode problem = assertProblem(call("PUT", "/api/settings", "{\"githubToken\":\"x\"}"), 400,
                "invalid_input");

        assertEquals("githubToken", problem.path("field").asText());
        assertTrue(problem.path("hint").asText().contains("flyApiToken"), problem.toString());
    }
}
