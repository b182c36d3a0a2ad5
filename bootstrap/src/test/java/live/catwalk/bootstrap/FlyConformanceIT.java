package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import live.catwalk.bootstrap.fixture.ConformanceFixture;
import live.catwalk.bootstrap.testing.ConformanceResults.Scenario;
import live.catwalk.bootstrap.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official conformance suite through the Fly data plane, on this host: client → gateway (configured for Fly,
 * against a stateful stub of the Machines API) → {@code catwalk runner} (the "machine", started with the env the
 * gateway gave it) → the conformance fixture. Every scenario of 0.1.16 {@code --suite all} passes, as it does
 * through the local runtime ({@link McpConformanceIT}).
 */
class FlyConformanceIT {

    @TempDir
    Path temp;

    @Test
    void theOfficialSuitePassesThroughGatewayAndRunner() throws Exception {
        TestTools tools = TestTools.get();
        int runnerPort;
        try (ServerSocket free = new ServerSocket(0)) {
            runnerPort = free.getLocalPort();
        }
        AnalysisStubs stubs = new AnalysisStubs();
        try (FlyApiStub fly = new FlyApiStub();
             AnalysisStubs.Serving serving = stubs.serve(temp, Map.of("FLY_API_TOKEN", "fly-conformance-token",
                     "CATWALK_FLY_APP", FlyApiStub.APP, "CATWALK_FLY_IMAGE", "registry.fly.io/catwalk-runners:test",
                     "CATWALK_RUNNER_KEY", "conformance-runner-key-0123456789",
                     "CATWALK_FLY_API_URL", fly.api().toString(),
                     "CATWALK_FLY_RUNNER_URL", "http://127.0.0.1:" + runnerPort + "?machine={machine}"))) {
            ApiClient.Answer created = serving.api().post("/api/deployments", serving.admin(), Map.of(
                    "name", "conformance", "command", ConformanceFixture.command()));
            assertEquals(201, created.status(), created.body().toString());
            String id = created.body().path("id").asText();
            fly.awaitStarted("m1", Duration.ofSeconds(60));
            try (CatwalkProcess machine = CatwalkProcess.start(fly.runnerEnv("m1", runnerPort), "runner")) {
                machine.awaitServing(Duration.ofSeconds(60));
                serving.api().awaitStatus(id, serving.admin(), "running", Duration.ofSeconds(60));
                String url = serving.api().base().resolve("mcp/" + id) + "?token="
                        + created.body().path("token").asText();
                List<Scenario> stable = McpConformanceIT.run(tools, tools.conformance(),
                        Path.of("target", "conformance", "fly"), url, "--suite", "all");
                assertEquals(McpConformanceIT.SCENARIOS_0_1_16, stable.size(), () -> "scenarios run:\n"
                        + live.catwalk.bootstrap.testing.ConformanceResults.table(stable));
                McpConformanceIT.assertAllPassed("0.1.16 --suite all, through a runner", stable, machine);
            } finally {
                stubs.close();
            }
        }
    }
}
