package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import live.catwalk.adapters.persistence.Database;
import live.catwalk.adapters.persistence.DatabaseUrl;
import live.catwalk.adapters.persistence.vault.TinkVault;
import live.catwalk.bootstrap.TestDeployments;
import live.catwalk.bootstrap.TestMcpClient;
import live.catwalk.bootstrap.config.CatwalkConfig;
import live.catwalk.bootstrap.config.DeploymentsFile;
import live.catwalk.bootstrap.testing.TestTools;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What happens when things go wrong, with Catwalk in this JVM so its process tree is visible: a server
 * killed mid-call, hundreds of abandoned sessions, and a stop that must leave no process behind.
 */
class FaultsIT {

    private static final String TOKEN = "faults-token-0123456789";
    private static final String TINY = "tiny-server.mjs";

    @TempDir
    Path temp;

    private Application app;

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private URI start(String mode, List<String> argv, Map<String, String> settings) throws Exception {
        Map<String, String> env = new HashMap<>(settings);
        env.put("CATWALK_PORT", "0");
        env.put("CATWALK_LOG_LEVEL", "warn");
        env.put("CATWALK_HOME", temp.resolve("home").toString());
        Path file = TestDeployments.write(temp, "tiny", argv, Map.of(), mode, TOKEN);
        CatwalkConfig config = CatwalkConfig.fromEnvironment(env);
        Database database = Database.open(DatabaseUrl.h2File(temp.resolve("home")), 2);
        app = Application.start(config, DeploymentsFile.read(file), System.getenv(), "test", database,
                TinkVault.generateOrLoad(temp.resolve("home/keyset.json")), System.out);
        return app.uri();
    }

    private static List<String> tinyServer(TestTools tools) {
        Path script = Path.of(System.getProperty("catwalk.root", ".."), "bootstrap/src/test/resources/servers", TINY);
        return List.of(tools.node().toString(), script.toString());
    }

    /** The MCP server processes this JVM is running now. */
    private static List<ProcessHandle> servers() {
        return ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(TINY)).orElse(false)).toList();
    }

    private static String mcpHealth(URI base) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("api/health")).build(),
                BodyHandlers.ofString()).body();
        return new ObjectMapper().readTree(body).path("components").path("mcp").path("detail").asText();
    }

    private static void awaitTrue(Duration limit, String what, CheckedCondition condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not happen within " + limit);
            }
            Thread.sleep(100);
        }
    }

    @FunctionalInterface
    private interface CheckedCondition {
        boolean holds() throws Exception;
    }

    @Test
    void aServerKilledMidCallAnswersTheCallerWithinASecondAndTheNextCallWorksAfterTheRestart() throws Exception {
        URI base = start("shared", tinyServer(TestTools.get()), Map.of());
        TestMcpClient client = new TestMcpClient(base.resolve("mcp/tiny"), TOKEN).initialize();
        CompletableFuture<JsonNode> call = CompletableFuture.supplyAsync(() -> {
            try {
                return client.call("sleep", "{\"ms\":30000}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);
        ProcessHandle server = servers().getFirst();

        long killed = System.nanoTime();
        server.destroyForcibly();
        JsonNode answer = call.get(5, TimeUnit.SECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - killed);

        assertEquals(-32002, answer.path("error").path("code").asInt(), answer::toString);
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "the error took " + took);
        JsonNode next = client.call("echo", "{\"message\":\"after the restart\"}");
        assertEquals("after the restart", next.path("result").path("content").get(0).path("text").asText(), next::toString);
        assertNotEquals(server.pid(), servers().getFirst().pid());
    }

    @Test
    void twoHundredAbandonedIsolatedSessionsAreReapedAndTheirServersStopped() throws Exception {
        URI base = start("isolated", tinyServer(TestTools.get()),
                Map.of("CATWALK_MAX_CHILDREN", "4", "CATWALK_SESSION_IDLE_TIMEOUT", "10s"));
        long baseline = usedHeapAfterGc();

        for (int i = 0; i < 200; i++) {
            new TestMcpClient(base.resolve("mcp/tiny"), TOKEN).initialize();
            assertTrue(servers().size() <= 4, "more servers than the cap: " + servers().size());
        }
        assertTrue(mcpHealth(base).contains("4 sessions"), mcpHealth(base));

        awaitTrue(Duration.ofSeconds(20), "reaping every abandoned session",
                () -> mcpHealth(base).contains("0 sessions") && servers().isEmpty());
        long after = usedHeapAfterGc();
        assertTrue(after - baseline < 32L * 1024 * 1024,
                "heap grew by " + (after - baseline) / 1024 + " KiB after the sessions were reaped");
    }

    @Test
    void twoHundredAbandonedSharedSessionsAreReapedAndTheSharedServerStays() throws Exception {
        URI base = start("shared", tinyServer(TestTools.get()), Map.of("CATWALK_SESSION_IDLE_TIMEOUT", "10s"));
        long baseline = usedHeapAfterGc();

        for (int i = 0; i < 200; i++) {
            new TestMcpClient(base.resolve("mcp/tiny"), TOKEN).initialize().call("echo", "{\"message\":\"x\"}");
        }
        assertTrue(mcpHealth(base).contains("200 sessions"), mcpHealth(base));

        awaitTrue(Duration.ofSeconds(20), "reaping every abandoned session", () -> mcpHealth(base).contains("0 sessions"));
        assertEquals(1, servers().size());
        long after = usedHeapAfterGc();
        assertTrue(after - baseline < 32L * 1024 * 1024,
                "heap grew by " + (after - baseline) / 1024 + " KiB after the sessions were reaped");
    }

    @Test
    void stoppingLeavesNoProcessOfAServersTreeBehind() throws Exception {
        List<String> tiny = tinyServer(TestTools.get());
        URI base = start("shared", List.of("bash", "-c", "'" + tiny.get(0) + "' '" + tiny.get(1) + "'; true"), Map.of());
        new TestMcpClient(base.resolve("mcp/tiny"), TOKEN).initialize().call("echo", "{\"message\":\"x\"}");
        List<ProcessHandle> tree = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> c.contains(TINY)).orElse(false)).toList();
        assertEquals(2, tree.size(), "bash and node: " + tree);

        app.close();
        app = null;

        assertFalse(tree.stream().anyMatch(ProcessHandle::isAlive), "left behind: " + tree);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
