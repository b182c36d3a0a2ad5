package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies are taken exactly as documented or refused with a problem that says where. */
class StrictJsonIT extends ApiServer {

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\": \"a\",", "{name: 'a'}", "{\"name\":\"a\"} {}", "nonsense"})
    void malformedJsonIsInvalidJson(String body) throws Exception {
        JsonNode problem = assertProblem(call("POST", "/api/tokens", body), 400, "invalid_json");

        assertEquals("body", problem.path("field").asText());
        assertTrue(fake.tokens.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "  \n "})
    void aMissingBodyIsInvalidJson(String body) throws Exception {
        assertProblem(call("POST", "/api/tokens", body), 400, "invalid_json");
    }

    @Test
    void aBodyCutOffInsideAFieldIsInvalidJsonNotABadField() throws Exception {
        JsonNode problem = assertProblem(call("POST", "/api/deployments", "{\"name\":\"x\",\"env\":{\"A\":\"b\""), 400,
                "invalid_json");

        assertEquals("body", problem.path("field").asText());
        assertTrue(problem.path("message").asText().contains("ends before"), problem.toString());
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() throws Exception {
        JsonNode problem = assertProblem(call("POST", "/api/tokens", "[\"laptop\"]"), 400, "invalid_input");

        assertEquals("body", problem.path("field").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"x\",\"pakage\":{}}|pakage|package",
        "{\"name\":\"x\",\"package\":{\"registry\":\"npm\",\"name\":\"a\",\"versoin\":\"1\"}}|package.versoin|version",
        "{\"name\":\"x\",\"command\":[\"a\"],\"environment\":{}}|environment|env"})
    void anUnknownFieldIsNamedByItsPathWithTheKnownOnes(String body, String field, String known) throws Exception {
        JsonNode problem = assertProblem(call("POST", "/api/deployments", body), 400, "invalid_input");

        assertEquals(field, problem.path("field").asText());
        assertTrue(problem.path("hint").asText().contains(known), problem.toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\":5,\"command\":[\"a\"]}|name",
        "{\"name\":true,\"command\":[\"a\"]}|name",
        "{\"name\":\"x\",\"command\":\"node server.js\"}|command",
        "{\"name\":\"x\",\"command\":[\"a\",7]}|command[1]",
        "{\"name\":\"x\",\"command\":[\"a\"],\"env\":{\"API_KEY\":123}}|env.API_KEY",
        "{\"name\":\"x\",\"command\":[\"a\"],\"env\":[\"API_KEY\"]}|env",
        "{\"name\":\"x\",\"package\":\"@acme/mcp\"}|package"})
    void aWrongTypeIsNamedByItsPath(String body, String field) throws Exception {
        var response = call("POST", "/api/deployments", body);
        JsonNode problem = assertProblem(response, 400, "invalid_input");

        assertEquals(field, problem.path("field").asText());
        assertTrue(fake.deployments.isEmpty());
    }

    @Test
    void aRefusedBodyIsNotEchoed() throws Exception {
        var response = call("POST", "/api/deployments",
                "{\"name\":\"x\",\"command\":[\"a\"],\"env\":{\"API_KEY\":{\"v\":\"SENTINEL-4242\"}}}");

        assertProblem(response, 400, "invalid_input");
        assertFalse(response.body().contains("SENTINEL-4242"), response.body());
    }

    @Test
    void aBodyOverTheLimitIsAJson413() throws Exception {
        String big = "{\"name\":\"" + "x".repeat((int) MAX_BODY) + "\"}";

        assertProblem(call("POST", "/api/tokens", big), 413, "too_large");
    }

    @Test
    void aBodyThatIsNotJsonIsAJson415() throws Exception {
        var response = client.send(HttpRequest.newBuilder(base.resolve("/api/tokens"))
                .header("Authorization", "Bearer " + FakeControlPlane.ALICE_TOKEN)
                .header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("laptop")).build(), BodyHandlers.ofString());

        assertProblem(response, 415, "unsupported_media_type");
    }
}
