package live.catwalk.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repository analysis with a model (OpenRouter's stub, with a server key): it is asked only about the gaps, a
 * package it names counts only once npm confirms it, and an answer that is not valid JSON is asked once more and
 * then given up on, leaving the facts.
 */
class AnalysisWithModelIT {

    private static final String KEY = "sk-or-test-key-0123456789";

    @TempDir
    static Path temp;

    private static AnalysisStubs stubs;
    private static AnalysisStubs.Serving serving;
    private static CatwalkProcess catwalk;
    private static ApiClient api;
    private static String admin;

    @BeforeAll
    static void start() throws Exception {
        stubs = new AnalysisStubs();
        serving = stubs.serve(temp, Map.of("OPENROUTER_API_KEY", KEY));
        catwalk = serving.process();
        api = serving.api();
        admin = serving.admin();
    }

    @AfterAll
    static void stop() {
        AnalysisStubs.stop(serving, stubs);
    }

    @BeforeEach
    void resetTheModel() {
        stubs.openRouter.resetAll();
    }

    /** A repository whose files say it is an MCP server but name no package or variable. */
    private static void mystery(String name) {
        stubs.repository("acme/" + name, "1".repeat(40), Map.of("README.md", """
                # Mystery
                An MCP server for mysteries. Set `MYSTERY_TOKEN` before starting it.
                ```json
                {"mcpServers": {"mystery": {"command": "node", "args": ["build/index.js"]}}}
                ```
                """));
    }

    private static void modelAnswers(String content) {
        String body = "{\"id\":\"gen-1\",\"model\":\"test/model\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\","
                + "\"message\":{\"role\":\"assistant\",\"content\":" + AnalysisStubs.JSON.valueToTree(content) + "}}]}";
        stubs.openRouter.stubFor(post(urlEqualTo("/api/v1/chat/completions")).willReturn(okJson(body)));
    }

    @Test
    void aPackageTheModelNamesThatDoesNotExistIsMarkedUnconfirmedAndNeverRun() throws Exception {
        mystery("ghost");
        modelAnswers("{\"isMcpServer\":true,\"package\":{\"registry\":\"npm\",\"name\":\"ghost-mcp-server\"},"
                + "\"env\":[{\"name\":\"MYSTERY_TOKEN\",\"description\":\"the token\",\"required\":true,\"secret\":true},"
                + "{\"name\":\"NOWHERE_KEY\",\"description\":null,\"required\":true,\"secret\":true}],"
                + "\"requiredArgs\":[]}");
        JsonNode a = analysed("acme/ghost");
        assertFalse(a.path("deterministic").asBoolean(), a.toString());
        assertEquals("test/model", a.path("model").asText());
        assertEquals("ghost-mcp-server", a.path("package").path("name").asText(), a.toString());
        assertFalse(a.path("package").path("confirmed").asBoolean(), a.toString());
        assertEquals("llm", a.path("package").path("source").asText());
        assertEquals("low", a.path("package").path("confidence").asText());
        assertEquals(0, a.path("command").size(), "a guess is never run: " + a);
        assertTrue(codes(a).contains("unconfirmed_package"), a.toString());
        assertEquals(1, a.path("env").size(), a.toString());
        assertEquals("MYSTERY_TOKEN", a.path("env").get(0).path("name").asText(), "the README names it");
        assertTrue(codes(a).contains("unconfirmed_variables"), a.toString());
        stubs.openRouter.verify(1, postRequestedFor(urlEqualTo("/api/v1/chat/completions"))
                .withHeader("Authorization", containing(KEY)));
        assertFalse(catwalk.stderrText().contains(KEY), "the key is never logged");
    }

    @Test
    void aConfirmedPackageFromTheModelIsRun() throws Exception {
        mystery("found");
        stubs.published("npm", "found-mcp", "4.5.6");
        modelAnswers("```json\n{\"isMcpServer\":true,\"package\":{\"registry\":\"npm\",\"name\":\"found-mcp\"},"
                + "\"env\":[],\"requiredArgs\":[]}\n```");
        JsonNode a = analysed("acme/found");
        assertTrue(a.path("package").path("confirmed").asBoolean(), a.toString());
        assertEquals("4.5.6", a.path("package").path("version").asText());
        assertTrue(a.path("command").toString().contains("found-mcp@4.5.6"), a.toString());
    }

    @Test
    void anAnswerThatIsNotJsonIsAskedOnceMoreThenTheFactsStand() throws Exception {
        mystery("garbled");
        modelAnswers("Sure! The package is probably garbled-mcp.");
        JsonNode a = analysed("acme/garbled");
        stubs.openRouter.verify(2, postRequestedFor(urlEqualTo("/api/v1/chat/completions")));
        assertTrue(codes(a).contains("model_unavailable"), a.toString());
        assertTrue(a.path("deterministic").asBoolean(), a.toString());
        assertTrue(a.path("isMcpServer").path("value").asBoolean(), "the facts stand: " + a);
    }

    @Test
    void aModelThatCannotBeReachedLeavesTheFactsWithAHint() throws Exception {
        mystery("down");
        stubs.openRouter.stubFor(post(urlEqualTo("/api/v1/chat/completions")).willReturn(aResponse().withStatus(503)));
        JsonNode a = analysed("acme/down");
        JsonNode notice = null;
        for (JsonNode n : a.path("notices")) {
            if (n.path("code").asText().equals("model_unavailable")) {
                notice = n;
            }
        }
        assertTrue(notice != null && !notice.path("hint").asText().isBlank(), a.toString());
        assertFalse(notice.toString().contains(KEY));
    }

    private static Set<String> codes(JsonNode analysis) {
        Set<String> codes = new java.util.HashSet<>();
        analysis.path("notices").forEach(n -> codes.add(n.path("code").asText()));
        return codes;
    }

    private static JsonNode analysed(String repo) throws Exception {
        JsonNode job = AnalysisStubs.analysed(api, admin, repo);
        assertEquals("succeeded", job.path("status").asText(), job.toString());
        return job.path("analysis");
    }
}
