package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import live.catwalk.bootstrap.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real MCP server from npm ({@code @modelcontextprotocol/server-everything}) over stdio behind the
 * gateway, driven by the official TypeScript SDK client: initialize, tools/list, echo, a long tool with
 * progress, the child's environment, DELETE; then a stream dropped mid-call and resumed.
 */
class RealServerIT {

    private static final String TOKEN = "everything-token-0123456789";
    private static final String SERVER_SECRET = "server-secret-9f2c";
    private static final String DEPLOYMENT_VALUE = "deployment-value-7a1b";

    @TempDir
    Path temp;

    @Test
    void theTypeScriptSdkClientUsesServerEverythingThroughTheGateway() throws Exception {
        TestTools tools = TestTools.get();
        Path deployments = TestDeployments.write(temp, "everything",
                List.of(tools.node().toString(), tools.serverEverything().toString(), "stdio"),
                Map.of("DEMO_API_KEY", DEPLOYMENT_VALUE), "shared", TOKEN);
        try (CatwalkProcess catwalk = CatwalkProcess.start(Map.of("CATWALK_PORT", "0",
                "CATWALK_DEPLOYMENTS_FILE", deployments.toString(), "AWS_SECRET_ACCESS_KEY", SERVER_SECRET), "serve")) {
            URI base = catwalk.awaitServing(Duration.ofSeconds(60));

            JsonNode report = runClient(tools, base.resolve("mcp/everything").toString());

            assertTrue(report.path("sessionId").asText().length() >= 16, report::toString);
            assertTrue(textsOf(report.path("tools")).containsAll(List.of("echo", "trigger-long-running-operation")));
            assertTrue(report.path("echo").asText().contains("hello catwalk"), report::toString);
            assertEquals(List.of("1", "2", "3", "4"), textsOf(report.path("progress")), report::toString);
            assertTrue(report.path("env").asText().contains(DEPLOYMENT_VALUE), "the deployment's variable reaches its server");
            assertFalse(report.path("env").asText().contains(SERVER_SECRET), "the gateway's own secrets must not");

            assertEquals("notifications/progress", textsOf(report.path("beforeDrop")).getLast(), report::toString);
            assertEquals(200, report.path("resumeStatus").asInt(), report::toString);
            List<String> afterResume = textsOf(report.path("afterResume"));
            assertEquals("response 7", afterResume.getLast(), report::toString);
            assertTrue(afterResume.stream().anyMatch(e -> e.startsWith("notifications/progress")),
                    "progress sent after the drop is replayed on the resumed stream: " + afterResume);
            assertFalse(catwalk.stderrText().contains(TOKEN), "the token must not appear in the log");
        }
    }

    private JsonNode runClient(TestTools tools, String url) throws Exception {
        Path script = Path.of(System.getProperty("catwalk.root", ".."), "bootstrap/src/test/resources/clients/everything-client.mjs");
        Process client = new ProcessBuilder(tools.nodeCommand(script, tools.typescriptSdk().toString(), url, TOKEN))
                .redirectError(temp.resolve("client.err").toFile()).start();
        byte[] out = client.getInputStream().readAllBytes();
        if (!client.waitFor(60, TimeUnit.SECONDS) || client.exitValue() != 0) {
            client.destroyForcibly();
            throw new AssertionError("the client failed: " + Files.readString(temp.resolve("client.err")));
        }
        return new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
    }

    private static List<String> textsOf(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(element -> texts.add(element.asText()));
        return texts;
    }
}
