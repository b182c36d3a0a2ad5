package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeploymentsIT extends ApiServer {

    @Test
    void creatingAnswers201WithLocationTheDeploymentItsMcpUrlAndItsTokenOnce() throws Exception {
        var response = call("POST", "/api/deployments", """
                {"name": "GitHub tools", "package": {"registry": "npm", "name": "@acme/mcp", "version": "1.2.3"},
                 "env": {"API_KEY": "k-SECRET"}, "sessionMode": "isolated"}""");
        JsonNode created = ok(response, 201);
        String id = created.path("id").asText();

        assertEquals(base.resolve("/api/deployments/" + id).toString(), response.headers().firstValue("Location")
                .orElse(""));
        assertEquals(base.resolve("/mcp/" + id).toString(), created.path("mcpUrl").asText());
        assertTrue(created.path("token").asText().startsWith("cwd_"), created.toString());
        assertEquals("GitHub tools", created.path("name").asText());
        assertEquals("pending", created.path("status").asText());
        assertEquals("running", created.path("desiredState").asText());
        assertEquals("{\"registry\":\"npm\",\"name\":\"@acme/mcp\",\"version\":\"1.2.3\"}",
                created.path("package").toString());
        assertFalse(created.has("command"));
        assertFalse(created.has("reason"));
        assertEquals("[\"API_KEY\"]", created.path("envNames").toString());
        assertEquals("isolated", created.path("sessionMode").asText());
        assertFalse(created.path("createdAt").asText().isEmpty());
        assertFalse(created.path("updatedAt").asText().isEmpty());
        assertFalse(response.body().contains("k-SECRET"), "variable values are never returned");
        assertEquals(Map.of("API_KEY", "k-SECRET"), fake.env.get(new live.catwalk.core.shared.domain.DeploymentId(id)));

        JsonNode fetched = ok(get("/api/deployments/" + id), 200);
        assertFalse(fetched.has("token"), "the token is shown once");
        assertEquals(created.path("mcpUrl"), fetched.path("mcpUrl"));
    }

    @Test
    void aPackagesArgumentsReachTheUseCaseAndAreShownWithThePackage() throws Exception {
        JsonNode created = ok(call("POST", "/api/deployments", """
                {"name": "files", "package": {"registry": "npm", "name": "@acme/mcp", "version": "1.2.3",
                 "args": ["/data", "--read-only"]}}"""), 201);

        String expected = "{\"registry\":\"npm\",\"name\":\"@acme/mcp\",\"version\":\"1.2.3\","
                + "\"args\":[\"/data\",\"--read-only\"]}";
        assertEquals(expected, created.path("package").toString());
        assertEquals(expected, ok(get("/api/deployments/" + created.path("id").asText()), 200).path("package").toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"x\",\"package\":{\"registry\":\"npm\",\"name\":\"a\",\"args\":\"/data\"}}|package.args",
        "{\"name\":\"x\",\"package\":{\"registry\":\"npm\",\"name\":\"a\",\"args\":[\"/a\",7]}}|package.args[1]"})
    void argumentsThatAreNotAListOfStringsAreNamedByTheirPath(String body, String field) throws Exception {
        JsonNode problem = assertProblem(call("POST", "/api/deployments", body), 400, "invalid_input");

        assertEquals(field, problem.path("field").asText(), problem.toString());
        assertTrue(fake.deployments.isEmpty());
    }

    @Test
    void aCommandDeploymentShowsItsArgvAndNoPackage() throws Exception {
        JsonNode created = ok(call("POST", "/api/deployments",
                "{\"name\":\"local\",\"command\":[\"node\",\"server.js\"]}"), 201);

        assertEquals("[\"node\",\"server.js\"]", created.path("command").toString());
        assertFalse(created.has("package"));
        assertEquals("shared", created.path("sessionMode").asText());
        assertEquals("[]", created.path("envNames").toString());
    }

    @Test
    void aRejectedRequestIs422ListingEveryProblem() throws Exception {
        var response = call("POST", "/api/deployments", """
                {"name": " ", "package": {"registry": "maven", "name": "x"}, "env": {"PATH": "/tmp"}}""");
        JsonNode body = assertProblem(response, 422, "validation_failed");

        assertTrue(body.path("message").asText().contains("3 problems"), body.toString());
        List<String> fields = StreamSupport.stream(body.path("problems").spliterator(), false)
                .map(p -> p.path("field").asText()).toList();
        assertEquals(List.of("name", "package.registry", "env.PATH"), fields);
        assertEquals("Give it a name.", body.path("problems").get(0).path("hint").asText());
        assertFalse(body.path("problems").get(2).path("message").asText().isEmpty());
        assertTrue(fake.deployments.isEmpty());
    }

    @Test
    void missingRequiredPartsAre422NamingEachOne() throws Exception {
        JsonNode body = assertProblem(call("POST", "/api/deployments",
                "{\"package\":{\"version\":\"1\"},\"env\":{\"A\":null}}"), 422, "validation_failed");

        List<String> fields = StreamSupport.stream(body.path("problems").spliterator(), false)
                .map(p -> p.path("field").asText()).toList();
        assertEquals(List.of("name", "package.registry", "package.name", "env.A"), fields);
    }

    @Test
    void anEmptyObjectIs422NamingTheNameAndThePackage() throws Exception {
        JsonNode body = assertProblem(call("POST", "/api/deployments", "{}"), 422, "validation_failed");

        List<String> fields = StreamSupport.stream(body.path("problems").spliterator(), false)
                .map(p -> p.path("field").asText()).toList();
        assertEquals(List.of("name", "package"), fields);
        assertTrue(fake.deployments.isEmpty());
    }

    @Test
    void aMissingNameAndPackageAreNamedBesideANestedNull() throws Exception {
        JsonNode body = assertProblem(call("POST", "/api/deployments", "{\"env\":{\"A\":null}}"), 422,
                "validation_failed");

        List<String> fields = StreamSupport.stream(body.path("problems").spliterator(), false)
                .map(p -> p.path("field").asText()).toList();
        assertEquals(List.of("name", "package", "env.A"), fields);
    }

    @Test
    void theListIsNewestFirstAndPaged() throws Exception {
        for (int i = 1; i <= 3; i++) {
            createDeployment("d" + i);
        }

        JsonNode all = ok(get("/api/deployments"), 200);
        JsonNode page = ok(get("/api/deployments?offset=1&limit=1"), 200);

        assertEquals(List.of("d3", "d2", "d1"), names(all.path("items")));
        assertEquals(0, all.path("offset").asInt());
        assertEquals(20, all.path("limit").asInt());
        assertEquals(List.of("d2"), names(page.path("items")));
        assertEquals(1, page.path("offset").asInt());
        assertEquals(1, page.path("limit").asInt());
        assertTrue(all.path("items").get(0).path("mcpUrl").asText().startsWith(base.resolve("/mcp/").toString()));
    }

    @ParameterizedTest
    @CsvSource({"offset=-1, offset", "offset=x, offset", "limit=0, limit", "limit=101, limit", "limit=2.5, limit"})
    void aBadPageParameterIs400NamingIt(String query, String field) throws Exception {
        JsonNode body = assertProblem(get("/api/deployments?" + query), 400, "invalid_input");

        assertEquals(field, body.path("field").asText());
    }

    @Test
    void someoneElsesOrAnUnknownOrAMalformedIdIsNotFound() throws Exception {
        String id = createDeployment("mine").path("id").asText();

        assertProblem(call("GET", "/api/deployments/" + id, null, FakeControlPlane.BOB_TOKEN), 404, "not_found");
        assertProblem(get("/api/deployments/dep-999"), 404, "not_found");
        assertProblem(get("/api/deployments/-bad%20id"), 404, "not_found");
        assertProblem(call("POST", "/api/deployments/" + "x".repeat(65) + "/stop", null), 404, "not_found");
    }

    @Test
    void stopStartAndRestartAnswerTheDeploymentAsStored() throws Exception {
        String id = createDeployment("x").path("id").asText();

        JsonNode stopped = ok(call("POST", "/api/deployments/" + id + "/stop", null), 200);
        assertEquals("stopped", stopped.path("desiredState").asText());
        assertEquals("stopped", stopped.path("status").asText());

        JsonNode started = ok(call("POST", "/api/deployments/" + id + "/start", null), 200);
        assertEquals("running", started.path("desiredState").asText());
        assertEquals("starting", started.path("status").asText());

        JsonNode restarted = ok(call("POST", "/api/deployments/" + id + "/restart", null), 200);
        assertEquals(id, restarted.path("id").asText());
    }

    @Test
    void deletingAnswers204AndTheDeploymentIsGone() throws Exception {
        String id = createDeployment("x").path("id").asText();

        assertEquals(204, call("DELETE", "/api/deployments/" + id, null).statusCode());
        assertProblem(get("/api/deployments/" + id), 404, "not_found");
    }

    @Test
    void aNullVariableIsReportedBesideABadName() throws Exception {
        String id = createDeployment("x").path("id").asText();

        JsonNode rejected = assertProblem(call("PUT", "/api/deployments/" + id + "/env",
                "{\"env\":{\"A\":null,\"lower\":\"x\"}}"), 422, "validation_failed");

        List<String> fields = StreamSupport.stream(rejected.path("problems").spliterator(), false)
                .map(p -> p.path("field").asText()).sorted().toList();
        assertEquals(List.of("env.A", "env.lower"), fields);
    }

    @Test
    void replacingTheVariablesAnswersTheNewNamesOr422() throws Exception {
        String id = createDeployment("x").path("id").asText();

        JsonNode replaced = ok(call("PUT", "/api/deployments/" + id + "/env",
                "{\"env\":{\"B\":\"2\",\"A\":\"1\"}}"), 200);
        assertEquals("[\"A\",\"B\"]", replaced.path("envNames").toString());

        JsonNode rejected = assertProblem(call("PUT", "/api/deployments/" + id + "/env",
                "{\"env\":{\"LD_PRELOAD\":\"x\"}}"), 422, "validation_failed");
        assertEquals("env.LD_PRELOAD", rejected.path("problems").get(0).path("field").asText());
        assertTrue(rejected.path("message").asText().contains("1 problem"), rejected.toString());

        JsonNode missing = assertProblem(call("PUT", "/api/deployments/" + id + "/env", "{}"), 400, "invalid_input");
        assertEquals("env", missing.path("field").asText());
    }

    @Test
    void rotatingTheTokenAnswersTheNewSecretAndItsPrefix() throws Exception {
        String id = createDeployment("x").path("id").asText();

        JsonNode rotated = ok(call("POST", "/api/deployments/" + id + "/token", null), 200);

        assertTrue(rotated.path("token").asText().startsWith(rotated.path("prefix").asText()), rotated.toString());
        assertEquals(2, rotated.size());
    }

    @Test
    void eventsAreListedWithLowerCaseStatusesAndNoFromForTheFirst() throws Exception {
        String id = createDeployment("x").path("id").asText();

        JsonNode items = ok(get("/api/deployments/" + id + "/events"), 200).path("items");
        JsonNode one = ok(get("/api/deployments/" + id + "/events?limit=1"), 200).path("items");

        assertEquals(2, items.size());
        assertTrue(items.get(0).path("from").isNull(), items.toString());
        assertEquals("pending", items.get(0).path("to").asText());
        assertEquals("pending", items.get(1).path("from").asText());
        assertEquals("starting", items.get(1).path("message").asText());
        assertEquals("2026-01-02T03:04:05Z", items.get(0).path("at").asText());
        assertEquals(1, one.size());
        assertProblem(get("/api/deployments/" + id + "/events?limit=0"), 400, "invalid_input");
    }

    @Test
    void logsAnswerTheLastLinesWithin1To1000() throws Exception {
        String id = createDeployment("x").path("id").asText();

        assertEquals("{\"lines\":[\"line 1\",\"line 2\",\"line 3\"]}",
                ok(get("/api/deployments/" + id + "/logs"), 200).toString());
        assertEquals("{\"lines\":[\"line 3\"]}", ok(get("/api/deployments/" + id + "/logs?lines=1"), 200).toString());
        assertEquals("lines", assertProblem(get("/api/deployments/" + id + "/logs?lines=0"), 400, "invalid_input")
                .path("field").asText());
        assertProblem(get("/api/deployments/" + id + "/logs?lines=1001"), 400, "invalid_input");
    }

    @Test
    void connectGivesPasteableConfigurationWithTheUrlAndATokenPlaceholder() throws Exception {
        JsonNode created = createDeployment("My GitHub Tools!");
        String url = created.path("mcpUrl").asText();

        JsonNode connect = ok(get("/api/deployments/" + created.path("id").asText() + "/connect"), 200);

        assertEquals("my-github-tools", connect.path("serverName").asText());
        assertEquals(url, connect.path("mcpUrl").asText());
        assertEquals("claude mcp add --transport http my-github-tools " + url
                + " --header \"Authorization: Bearer <TOKEN>\"", connect.path("claudeCode").asText());
        assertEquals(JSON.readTree("""
                {"mcpServers": {"my-github-tools": {"command": "npx",
                  "args": ["-y", "mcp-remote", "%s", "--header", "Authorization:${CATWALK_TOKEN}"],
                  "env": {"CATWALK_TOKEN": "Bearer <TOKEN>"}}}}""".formatted(url)), connect.path("claudeDesktop"));
        assertEquals(JSON.readTree("""
                {"type": "http", "url": "%s", "headers": {"Authorization": "Bearer <TOKEN>"}}""".formatted(url)),
                connect.path("generic"));
        assertTrue(connect.path("note").asText().contains("<TOKEN>"), connect.toString());
        assertFalse(connect.toString().contains(created.path("token").asText()), "the token is not stored");
    }

    @Test
    void anUnknownSubResourceIsAJson404AndAWrongMethodAJson405() throws Exception {
        String id = createDeployment("x").path("id").asText();

        assertProblem(get("/api/deployments/" + id + "/nothing"), 404, "not_found");
        assertProblem(get("/api/deployments/" + id + "/stop"), 405, "method_not_allowed");
    }

    private static List<String> names(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(d -> d.path("name").asText()).toList();
    }
}
