package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
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
        try (FlyDataPlane plane = FlyDataPlane.start(temp, Map.of())) {
            FlyDataPlane.Deployed conformance = plane.deploy(Map.of("name", "conformance",
                    "command", ConformanceFixture.command()));
            String url = plane.mcp(conformance) + "?token=" + conformance.token();
            List<Scenario> stable = McpConformanceIT.run(tools, tools.conformance(),
                    Path.of("target", "conformance", "fly"), url, "--suite", "all");
            assertEquals(McpConformanceIT.SCENARIOS_0_1_16, stable.size(), () -> "scenarios run:\n"
                    + live.catwalk.bootstrap.testing.ConformanceResults.table(stable));
            McpConformanceIT.assertAllPassed("0.1.16 --suite all, through a runner", stable, conformance.runner());
        }
    }
}
