package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import live.catwalk.bootstrap.fixture.ConformanceFixture;
import live.catwalk.bootstrap.testing.ConformanceResults;
import live.catwalk.bootstrap.testing.ConformanceResults.Scenario;
import live.catwalk.bootstrap.testing.TestTools;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official MCP conformance suite against Catwalk's gateway (the runnable jar) in front of the
 * conformance fixture, in both session modes: every scenario of 0.1.16 {@code --suite all} passes with
 * no failure and no warning, and so does {@code server-session-lifecycle} of the 0.2.0 alpha.
 */
class McpConformanceIT {

    private static final String TOKEN = "conformance-token-0123456789";
    static final int SCENARIOS_0_1_16 = 32;

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"shared", "isolated"})
    void theOfficialSuitePassesThroughTheGateway(String mode) throws Exception {
        TestTools tools = TestTools.get();
        try (CatwalkProcess catwalk = fixtureBehindGateway(temp, mode)) {
            String url = fixtureUrl(catwalk);

            Path results = Path.of("target", "conformance", mode);
            List<Scenario> stable = run(tools, tools.conformance(), results.resolve("0.1.16"), url, "--suite", "all");
            assertEquals(SCENARIOS_0_1_16, stable.size(), () -> "scenarios run:\n" + ConformanceResults.table(stable));
            assertAllPassed("0.1.16 --suite all, " + mode, stable, catwalk);

            List<Scenario> lifecycle = run(tools, tools.conformanceAlpha(), results.resolve("0.2.0-alpha"), url,
                    "--spec-version", "2025-11-25", "--scenario", "server-session-lifecycle");
            assertEquals(1, lifecycle.size(), () -> ConformanceResults.table(lifecycle));
            assertAllPassed("0.2.0-alpha server-session-lifecycle, " + mode, lifecycle, catwalk);

            List<ProcessHandle> tree = catwalk.descendants();
            catwalk.signal("TERM");
            assertTrue(catwalk.awaitExit(Duration.ofSeconds(10)) >= 0, "still running 10 s after SIGTERM");
            assertTrue(tree.stream().noneMatch(ProcessHandle::isAlive), "processes left after stop: " + tree);
        }
    }

    /** The gateway (the runnable jar) serving the conformance fixture as deployment {@code conformance} in {@code mode}. */
    static CatwalkProcess fixtureBehindGateway(Path temp, String mode) throws IOException, InterruptedException {
        return fixtureBehindGateway(temp, mode, Map.of(), Map.of());
    }

    /** The same, with {@code catwalkEnv} added to (or overriding) Catwalk's variables and {@code fixtureEnv} the fixture's. */
    static CatwalkProcess fixtureBehindGateway(Path temp, String mode, Map<String, String> catwalkEnv,
            Map<String, String> fixtureEnv) throws IOException, InterruptedException {
        Path deployments = TestDeployments.write(temp, "conformance", ConformanceFixture.command(), fixtureEnv, mode,
                TOKEN);
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "CATWALK_PORT", "0",
                "CATWALK_DEPLOYMENTS_FILE", deployments.toString(),
                "CATWALK_MAX_CHILDREN", "6"));
        env.putAll(catwalkEnv);
        CatwalkProcess catwalk = CatwalkProcess.start(env, "serve");
        try {
            catwalk.awaitServing(Duration.ofSeconds(60));
            return catwalk;
        } catch (RuntimeException | InterruptedException e) {
            catwalk.close();
            throw e;
        }
    }

    /** The fixture's MCP URL on {@code catwalk}, its token in the query (the suite sets no header). */
    static String fixtureUrl(CatwalkProcess catwalk) throws InterruptedException {
        return catwalk.awaitServing(Duration.ofSeconds(1)).resolve("mcp/conformance") + "?token=" + TOKEN;
    }

    static List<Scenario> run(TestTools tools, Path cli, Path out, String url, String... selection)
            throws IOException, InterruptedException {
        deleteRecursively(out);
        List<String> args = new ArrayList<>(List.of("server", "--url", url, "-o", out.toString()));
        args.addAll(List.of(selection));
        Path log = Files.createDirectories(out).resolve("suite.log");
        Process suite = new ProcessBuilder(tools.nodeCommand(cli, args.toArray(String[]::new)))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!suite.waitFor(10, TimeUnit.MINUTES)) {
            suite.destroyForcibly();
            throw new AssertionError("the conformance suite did not finish in 10 minutes; log: " + log);
        }
        return ConformanceResults.read(out);
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (var paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    static void assertAllPassed(String run, List<Scenario> scenarios, CatwalkProcess catwalk) {
        List<Scenario> notPassed = scenarios.stream().filter(s -> !s.passed()).toList();
        assertTrue(notPassed.isEmpty(), () -> run + ": not every scenario passed:\n" + ConformanceResults.table(scenarios)
                + "\nCatwalk's log (last lines):\n" + String.join("\n", tail(catwalk.stderr(), 40)));
    }

    private static List<String> tail(List<String> lines, int n) {
        return lines.subList(Math.max(0, lines.size() - n), lines.size());
    }
}
