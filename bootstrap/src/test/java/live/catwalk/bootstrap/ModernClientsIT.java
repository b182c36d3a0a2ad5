package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import live.catwalk.bootstrap.testing.TestTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both protocol eras on one URL, with real clients: three official TypeScript clients run at the same time against
 * one deployment of {@code @modelcontextprotocol/server-everything}, each with a bearer token: the SDK v2 client in
 * {@code auto} mode (as Claude Code runs it) must end on 2026-07-28 without ever sending {@code initialize} (a
 * fallback to 2025 is a failure), the v2 client pinned to 2026-07-28 must succeed, and the SDK 1.x client must get a
 * 2025-11-25 session; each lists the tools and calls {@code echo}. The client is
 * {@code clients/era-client.mjs}, which records every HTTP request it makes. And the v2 client answers the
 * server's elicitation through the 2026 multi-round-trip flow ({@code clients/mrtr-client.mjs}).
 */
class ModernClientsIT {

    private static final String TOKEN = "eras-token-0123456789abcdef";
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"shared", "isolated"})
    void modernAndLegacyClientsShareOneUrl(String mode) throws Exception {
        TestTools tools = TestTools.get();
        Path deployments = TestDeployments.write(temp, "everything",
                List.of(tools.node().toString(), tools.serverEverything().toString(), "stdio"), Map.of(), mode, TOKEN);
        try (CatwalkProcess catwalk = CatwalkProcess.start(Map.of("CATWALK_PORT", "0",
                "CATWALK_DEPLOYMENTS_FILE", deployments.toString()), "serve")) {
            String url = catwalk.awaitServing(Duration.ofSeconds(60)).resolve("mcp/everything").toString();

            CompletableFuture<JsonNode> auto = CompletableFuture.supplyAsync(
                    () -> runClient(tools, "auto", tools.typescriptClient(), url));
            CompletableFuture<JsonNode> pin = CompletableFuture.supplyAsync(
                    () -> runClient(tools, "pin", tools.typescriptClient(), url));
            CompletableFuture<JsonNode> legacy = CompletableFuture.supplyAsync(
                    () -> runClient(tools, "legacy-v1", tools.typescriptSdk(), url));

            assertModern(auto.join(), "auto");
            assertModern(pin.join(), "pin");
            JsonNode v1 = legacy.join();
            assertEquals("2025-11-25", v1.path("protocolVersion").asText(), v1::toString);
            assertTrue(v1.path("sessionId").asText().length() >= 16, v1::toString);
            assertEquals("initialize", methods(v1).getFirst(), v1::toString);
            assertEchoes(v1, "legacy-v1");
            assertFalse(catwalk.stderrText().contains(TOKEN), "the token must not appear in the log");
        }
    }

    /**
     * The v2 client in {@code auto} mode, declaring elicitation, calls server-everything's
     * {@code trigger-elicitation-request}: the server's {@code elicitation/create} reaches the client as an
     * {@code input_required} result, the client's own handler answers it and the client retries with the answer and
     * the {@code requestState} by itself; the server gets the answer and reports it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"shared", "isolated"})
    void theV2ClientAnswersAServersElicitationThroughInputRequired(String mode) throws Exception {
        TestTools tools = TestTools.get();
        Path deployments = TestDeployments.write(temp, "everything",
                List.of(tools.node().toString(), tools.serverEverything().toString(), "stdio"), Map.of(), mode, TOKEN);
        try (CatwalkProcess catwalk = CatwalkProcess.start(Map.of("CATWALK_PORT", "0",
                "CATWALK_DEPLOYMENTS_FILE", deployments.toString()), "serve")) {
            String url = catwalk.awaitServing(Duration.ofSeconds(60)).resolve("mcp/everything").toString();

            JsonNode report = runScript(tools, "mrtr-client.mjs", "mrtr", tools.typescriptClient().toString(), url,
                    TOKEN);
            String context = report.toString();
            assertEquals("modern", report.path("era").asText(), context);
            assertEquals("2026-07-28", report.path("protocolVersion").asText(), context);
            assertFalse(methods(report).contains("initialize"), context);
            assertEquals("Please provide inputs for the following fields:", report.path("asked").path(0).asText(),
                    context);
            assertEquals(1, report.path("asked").size(), "asked once, answered once: " + context);
            assertTrue(report.path("text").asText().contains("- Name: Grace Hopper"), context);
            assertTrue(report.path("text").asText().contains("- Agreed to terms: true"), context);
            List<JsonNode> calls = new ArrayList<>();
            report.path("requests").forEach(r -> {
                if (r.path("method").asText().equals("tools/call")) {
                    calls.add(r);
                }
            });
            assertEquals(2, calls.size(), "the call, then its retry with the answer: " + context);
            assertFalse(calls.get(0).path("requestState").asBoolean(), context);
            assertTrue(calls.get(1).path("requestState").asBoolean(), context);
            assertEquals(1, calls.get(1).path("inputResponses").size(), context);
            calls.forEach(call -> assertEquals(200, call.path("status").asInt(), context));
        }
    }

    private static void assertModern(JsonNode report, String mode) {
        String context = mode + ": " + report;
        assertEquals("modern", report.path("era").asText(), context);
        assertEquals("2026-07-28", report.path("protocolVersion").asText(), context);
        assertFalse(methods(report).contains("initialize"), "no fallback to 2025: " + context);
        assertEquals("server/discover", methods(report).getFirst(), context);
        report.path("requests").forEach(request -> {
            assertEquals("POST", request.path("http").asText(), "no GET or DELETE in 2026-07-28: " + context);
            assertEquals("2026-07-28", request.path("protocolVersionHeader").asText(), context);
            assertFalse(request.path("sessionHeader").asBoolean(), "no Mcp-Session-Id: " + context);
            assertEquals(200, request.path("status").asInt(), context);
        });
        assertTrue(report.path("sessionId").isNull(), context);
        assertEchoes(report, mode);
    }

    private static void assertEchoes(JsonNode report, String mode) {
        List<String> tools = new ArrayList<>();
        report.path("tools").forEach(tool -> tools.add(tool.asText()));
        assertTrue(tools.contains("echo"), mode + ": " + report);
        assertEquals("Echo: hello from " + mode, report.path("echo").asText(), mode + ": " + report);
    }

    private static List<String> methods(JsonNode report) {
        List<String> methods = new ArrayList<>();
        report.path("requests").forEach(request -> methods.add(request.path("method").asText()));
        return methods;
    }

    private JsonNode runClient(TestTools tools, String mode, Path clientPackage, String url) {
        return runScript(tools, "era-client.mjs", mode, mode, clientPackage.toString(), url, TOKEN);
    }

    /** Runs {@code clients/<script>} with {@code args}; its report on stdout, as JSON. */
    private JsonNode runScript(TestTools tools, String name, String mode, String... args) {
        Path script = Path.of(System.getProperty("catwalk.root", ".."), "bootstrap/src/test/resources/clients", name);
        Path output = temp.resolve("client-" + mode + ".json");
        Path errors = temp.resolve("client-" + mode + ".err");
        try {
            Process client = new ProcessBuilder(tools.nodeCommand(script, args))
                    .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            client.getOutputStream().close();
            if (!client.waitFor(CLIENT_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || client.exitValue() != 0) {
                client.destroyForcibly();
                throw new AssertionError("the " + mode + " client failed: " + Files.readString(errors));
            }
            return new ObjectMapper().readTree(Files.readString(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("the " + mode + " client could not run: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while the " + mode + " client ran", e);
        }
    }
}
