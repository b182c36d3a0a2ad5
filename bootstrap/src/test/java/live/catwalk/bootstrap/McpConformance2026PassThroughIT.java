package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import live.catwalk.bootstrap.fixture.ModernFixture;
import live.catwalk.bootstrap.testing.ConformanceResults;
import live.catwalk.bootstrap.testing.ConformanceResults.Scenario;
import live.catwalk.bootstrap.testing.TestTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official suite's multi-round-trip scenarios (0.2.0-alpha.12, {@code input-required-result-*} at the 2026-07-28
 * wire) against the gateway in front of a server that speaks 2026-07-28 itself ({@link ModernFixture}: the MCP Java
 * SDK 2.2.0's modern stdio server), in both session modes. Catwalk finds out that the server speaks only that
 * revision (it refuses the 2025 initialize naming it), passes the requests through, and keeps each round's server
 * state behind one of its own, sending the retry to the process that asked (in isolated mode the request's own
 * process, whose state key no other process shares). Two of these scenarios a translating bridge cannot pass with a
 * 2025 server ({@link McpConformance2026IT}); here every one passes.
 */
class McpConformance2026PassThroughIT {

    private static final String TOKEN = "pass-through-token-0123456789";

    static final List<String> SCENARIOS = List.of(
            "input-required-result-basic-elicitation", "input-required-result-basic-sampling",
            "input-required-result-basic-list-roots", "input-required-result-request-state",
            "input-required-result-multiple-input-requests", "input-required-result-multi-round",
            "input-required-result-missing-input-response", "input-required-result-non-tool-request",
            "input-required-result-result-type", "input-required-result-unsupported-methods",
            "input-required-result-tampered-state", "input-required-result-capability-check",
            "input-required-result-ignore-extra-params", "input-required-result-validate-input");

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"shared", "isolated"})
    void everyInputRoundOfAServerThatSpeaksTheRevisionPassesThrough(String mode) throws Exception {
        TestTools tools = TestTools.get();
        Path deployments = TestDeployments.write(temp, "modern", ModernFixture.command(), Map.of(), mode, TOKEN);
        try (CatwalkProcess catwalk = CatwalkProcess.start(Map.of("CATWALK_PORT", "0",
                "CATWALK_DEPLOYMENTS_FILE", deployments.toString(), "CATWALK_MAX_CHILDREN", "6"), "serve")) {
            String url = catwalk.awaitServing(Duration.ofSeconds(60)).resolve("mcp/modern") + "?token=" + TOKEN;
            List<Scenario> results = new ArrayList<>();
            for (String scenario : SCENARIOS) {
                results.addAll(McpConformanceIT.run(tools, tools.conformanceAlpha(),
                        Path.of("target", "conformance-2026-pass-through", mode, scenario), url,
                        "--scenario", scenario, "--spec-version", "2026-07-28"));
            }
            assertEquals(SCENARIOS.size(), results.size(), () -> ConformanceResults.table(results));
            List<Scenario> failing = results.stream().filter(s -> !s.passed()).toList();
            assertTrue(failing.isEmpty(), () -> "pass-through, " + mode + ": not every scenario passed:\n"
                    + ConformanceResults.table(results) + "\nCatwalk's log (last lines):\n"
                    + String.join("\n", catwalk.stderr().subList(Math.max(0, catwalk.stderr().size() - 40),
                    catwalk.stderr().size())));
        }
    }
}
