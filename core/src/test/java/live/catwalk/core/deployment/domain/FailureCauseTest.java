package live.catwalk.core.deployment.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A crash loop's reason names the likely cause from the server's last stderr lines, and keeps its last line. */
class FailureCauseTest {

    private static final String GAVE_UP = "'npx' ended 5 times within 60 s; it is not restarted again";

    @Test
    void aMissingVariableIsQuotedWithHowToSetIt() {
        List<String> stderr = List.of("Brave Search MCP Server starting", "Error: BRAVE_API_KEY environment variable is required");

        assertEquals("BRAVE_API_KEY environment variable is required — set BRAVE_API_KEY with "
                + "PUT /api/deployments/d-1/env", FailureCause.of(stderr, Optional.of("d-1")));
        assertEquals("The MCP server kept crashing and was stopped (" + GAVE_UP + "): BRAVE_API_KEY environment "
                + "variable is required — set BRAVE_API_KEY with PUT /api/deployments/d-1/env. Its last stderr line: "
                + "Error: BRAVE_API_KEY environment variable is required", FailureCause.gaveUp(GAVE_UP, stderr, Optional.of("d-1")));
    }

    @Test
    void aDeploymentOfTheDeploymentsFileIsToldToSetItThere() {
        assertEquals("BRAVE_API_KEY environment variable is required — set BRAVE_API_KEY in the deployment's env in "
                + "the deployments file", FailureCause.of(List.of("Error: BRAVE_API_KEY environment variable is required"),
                Optional.empty()));
    }

    @Test
    void otherWaysOfSayingAVariableIsMissingAreFoundToo() {
        assertTrue(FailureCause.of(List.of("Missing required env var GITHUB_PERSONAL_ACCESS_TOKEN", "    at main (x.js:1)"),
                Optional.of("d")).startsWith("Missing required env var GITHUB_PERSONAL_ACCESS_TOKEN — set "
                + "GITHUB_PERSONAL_ACCESS_TOKEN with PUT /api/deployments/d/env"));
        assertTrue(FailureCause.of(List.of("TypeError: Please set SLACK_BOT_TOKEN"), Optional.of("d")).startsWith("Please set"));
    }

    @Test
    void aPackageWithNothingToRunSaysSo() {
        List<String> stderr = List.of("npm error could not determine executable to run",
                "npm error A complete log of this run can be found in: /home/mcp/.npm/_logs/x.log");

        String reason = FailureCause.gaveUp(GAVE_UP, stderr, Optional.of("d"));

        assertTrue(reason.contains("nothing to run in this package (it has no bin)"), reason);
        // npm's pointer to its debug log says nothing; the line before it is the one quoted
        assertTrue(reason.endsWith("Its last stderr line: npm error could not determine executable to run"), reason);
    }

    @Test
    void npmsPointerToItsLogIsQuotedOnlyWhenNothingElseWasSaid() {
        String pointer = "npm error A complete log of this run can be found in: /home/mcp/.npm/_logs/x.log";

        assertEquals("the last thing it printed was: npm error code E500",
                FailureCause.of(List.of("npm error code E500", pointer), Optional.of("d")));
        assertEquals("the last thing it printed was: " + pointer, FailureCause.of(List.of(pointer), Optional.of("d")));
    }

    @Test
    void anUnknownPackageIsNotFoundInItsRegistry() {
        assertTrue(FailureCause.of(List.of("npm error code E404", "npm error 404 Not Found - GET https://registry.npmjs.org/nope"),
                Optional.of("d")).startsWith("the package or version was not found in the npm registry"));
        assertTrue(FailureCause.of(List.of("  × No solution found when resolving tool dependencies:",
                "  ╰─▶ Because nope was not found in the package registry and you require nope, we can conclude"), Optional.of("d"))
                .startsWith("the package or version was not found in the Python package index"));
        assertTrue(FailureCause.of(List.of("npm error code ENOTFOUND", "npm error network request failed"), Optional.of("d"))
                .startsWith("the package registry could not be reached"));
    }

    @Test
    void aMissingInterpreterIsNamedWithHowToInstallIt() {
        assertEquals("'node' is not installed on this Catwalk host (the server's program runs with it): install it "
                + "or put it on Catwalk's PATH", FailureCause.of(List.of("/usr/bin/env: 'node': No such file or directory"),
                Optional.of("d")));
    }

    @Test
    void aServersOwnNetworkErrorIsNotTakenForTheRegistrys() {
        assertEquals("the last thing it printed was: Error: getaddrinfo ENOTFOUND api.example.com",
                FailureCause.of(List.of("Error: getaddrinfo ENOTFOUND api.example.com"), Optional.of("d")));
    }

    @Test
    void otherwiseTheLastLineIsQuotedOnceAndSilenceIsSaid() {
        List<String> stderr = List.of("starting", "SyntaxError: Unexpected token '?'");

        assertEquals("The MCP server kept crashing and was stopped (" + GAVE_UP + "): the last thing it printed "
                + "was: SyntaxError: Unexpected token '?'.", FailureCause.gaveUp(GAVE_UP, stderr, Optional.of("d")));
        assertTrue(FailureCause.of(List.of(), Optional.of("d")).startsWith("it wrote nothing to stderr"));
        assertEquals("the last thing it printed was: ERROR IN LOADING CONFIG",
                FailureCause.of(List.of("ERROR IN LOADING CONFIG"), Optional.of("d")), "no variable name, no variable hint");
    }

    @Test
    void aCrashKeepsTheNewestLinesWithinItsBounds() {
        List<String> many = IntStream.range(0, 20).mapToObj(i -> "line " + i + " " + "x".repeat(i == 19 ? 500 : 10))
                .toList();

        Crash crash = new Crash(OptionalInt.of(1), many, Optional.of(Duration.ofMillis(500)));

        assertTrue(crash.stderr().size() <= Crash.MAX_LINES);
        assertTrue(crash.stderr().stream().allMatch(l -> l.length() <= Crash.MAX_LINE));
        assertTrue(crash.stderr().stream().mapToInt(String::length).sum() <= Crash.MAX_TOTAL);
        assertTrue(crash.stderr().getLast().startsWith("line 19 ") && crash.stderr().getLast().endsWith("…"));
        assertEquals("line 15 xxxxxxxxxx", crash.stderr().getFirst());
        assertTrue(crash.describe().startsWith("crashed with exit code 1, restarting in 500 ms; last stderr: line 15"),
                crash.describe());
        assertTrue(crash.describe().length() < DeploymentEvent.MAX_MESSAGE);
        assertEquals("crashed, not restarted; it wrote nothing to stderr",
                new Crash(OptionalInt.empty(), List.of(" ", ""), Optional.empty()).describe());
    }

    @Test
    void aMissingProgramSaysHowToInstallIt() {
        assertEquals("uvx is not installed on this Catwalk host: install uv (https://docs.astral.sh/uv/) or put uvx "
                + "on Catwalk's PATH", new MissingProgram("uvx").text());
        assertTrue(new MissingProgram("npx").text().contains("https://nodejs.org/"));
        assertEquals("'/opt/x/server' does not exist or is not executable on this Catwalk host",
                new MissingProgram("/opt/x/server").problem());
    }
}
