package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import live.catwalk.bootstrap.testing.ConformanceResults;
import live.catwalk.bootstrap.testing.ConformanceResults.Scenario;
import live.catwalk.bootstrap.testing.TestTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official conformance suite's 2026-07-28 requirements (0.2.0-alpha.12 {@code --requirements 2026-07-28})
 * against the gateway in front of the 2025 conformance fixture, which Catwalk translates, in both session modes:
 * every scenario passes but those {@link #NOT_YET} names, which need what the gateway does not do yet (input_required
 * for a 2025 server's elicitation, sampling and roots), belong to the tasks extension, or cannot reach the deployment (the header scenarios drop the URL's token). In
 * shared mode the same suite's {@code --requirements 2025-11-25} passes whole on the same URL.
 */
class McpConformance2026IT {

    /** The scenarios not passing yet, each for a reason above. */
    static final java.util.Set<String> NOT_YET = java.util.Set.of(
            "input-required-result-basic-elicitation", "input-required-result-basic-sampling",
            "input-required-result-basic-list-roots", "input-required-result-request-state",
            "input-required-result-multiple-input-requests", "input-required-result-multi-round",
            "input-required-result-missing-input-response", "input-required-result-non-tool-request",
            "input-required-result-result-type", "input-required-result-tampered-state",
            "input-required-result-capability-check", "input-required-result-ignore-extra-params",
            "http-header-validation", "http-custom-header-server-validation");

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"shared", "isolated"})
    void theStatelessRevisionIsServedThroughTheGateway(String mode) throws Exception {
        TestTools tools = TestTools.get();
        try (CatwalkProcess catwalk = McpConformanceIT.fixtureBehindGateway(temp, mode)) {
            String url = McpConformanceIT.fixtureUrl(catwalk);
            List<Scenario> scenarios = McpConformanceIT.run(tools, tools.conformanceAlpha(),
                    Path.of("target", "conformance-2026", mode), url, "--requirements", "2026-07-28");
            List<Scenario> scored = scenarios.stream().filter(sc -> !sc.name().startsWith("tasks-")).toList();
            // Isolated mode starts a server per stateless request (no pool of warm ones yet): the fixture's JVM start
            // outlasts the stream checks of server-stateless.
            List<Scenario> failing = scored.stream().filter(sc -> !NOT_YET.contains(sc.name()) && !sc.passed()
                    && !(mode.equals("isolated") && sc.name().equals("server-stateless"))).toList();
            assertTrue(scored.size() >= 35, () -> "scenarios run:\n" + ConformanceResults.table(scenarios));
            assertTrue(failing.isEmpty(), () -> "2026-07-28, " + mode + ": not every scenario passed:\n"
                    + ConformanceResults.table(failing) + "\nCatwalk's log (last lines):\n"
                    + String.join("\n", catwalk.stderr().subList(Math.max(0, catwalk.stderr().size() - 40),
                    catwalk.stderr().size())));

            if (!mode.equals("shared")) {
                return; // the 2025 leg in isolated mode: McpConformanceIT (0.1.16 --suite all)
            }
            List<Scenario> legacy = McpConformanceIT.run(tools, tools.conformanceAlpha(),
                    Path.of("target", "conformance-2025-alpha", mode), url, "--requirements", "2025-11-25");
            assertTrue(legacy.size() >= 20, () -> "scenarios run:\n" + ConformanceResults.table(legacy));
            McpConformanceIT.assertAllPassed("0.2.0-alpha.12 --requirements 2025-11-25, " + mode, legacy, catwalk);
        }
    }
}
