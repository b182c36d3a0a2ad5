package live.catwalk.bootstrap.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import live.catwalk.bootstrap.config.ConfigVariable;
import org.junit.jupiter.api.Test;

class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void versionPrintsTheVersionAndSucceeds() {
        assertEquals(0, run(Map.of(), "--version"));
        assertTrue(out().startsWith("catwalk "), out());
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run(Map.of(), "--help"));
        assertTrue(out().contains("serve"), out());
    }

    @Test
    void serveHelpListsTheConfiguration() {
        assertEquals(0, run(Map.of(), "serve", "--help"));
        assertTrue(out().contains("CATWALK_PORT"), out());
    }

    @Test
    void theUsageListsEveryVariable() {
        for (ConfigVariable variable : ConfigVariable.values()) {
            assertTrue(Usage.SERVE.contains(variable.envName), variable.envName);
        }
        assertFalse(Usage.CONFIGURATION.isBlank());
    }

    @Test
    void serveHelpShowsNoEmptyOrDoubledDefault() {
        assertEquals(0, run(Map.of(), "serve", "--help"));
        assertTrue(out().contains("CATWALK_PORT             an integer from 0 to 65535 (0 picks a free port), e.g. 8080 "
                + "(default 8080)"), out());
        for (String line : out().lines().toList()) {
            assertFalse(line.contains("(default )"), line);
            assertFalse(line.matches(".*\\(default.*\\(default.*"), line);
        }
        assertTrue(out().contains("CATWALK_HOME             a directory for the embedded database and the generated "
                + "keyset (default ~/.catwalk)"), out());
    }

    @Test
    void helpPromisesOnlyWhatExists() {
        assertEquals(0, run(Map.of(), "--help"));
        assertTrue(out().contains("npm or PyPI"), out());
        for (String verb : live.catwalk.bootstrap.cli.Cli.VERBS) {
            assertTrue(out().contains("\n  " + verb + " ") || out().contains("\n  " + verb + "|")
                    || out().contains("|" + verb), verb + " is listed: " + out());
        }
        java.util.regex.Matcher listed = java.util.regex.Pattern.compile("(?m)^  ([a-z]+)[ |]").matcher(out());
        while (listed.find()) {
            String verb = listed.group(1);
            assertTrue(live.catwalk.bootstrap.cli.Cli.VERBS.contains(verb) || verb.equals("serve")
                    || verb.equals("keys") || verb.equals("runner"), "help lists only commands that exist: " + verb);
        }
    }

    @Test
    void helpListsTheRunnerAndItsHelpItsVariables() {
        assertEquals(0, run(Map.of(), "--help"));
        assertTrue(out().contains("\n  runner "), out());
        assertEquals(0, run(Map.of(), "runner", "--help"));
        for (String variable : List.of("CATWALK_RUNNER_SPEC", "CATWALK_RUNNER_SECRET", "CATWALK_RUNNER_BIND")) {
            assertTrue(out().contains(variable), out());
        }
    }

    @Test
    void aRunnerWithoutItsVariablesExits2NamingThemAndRefusesStrayArguments() {
        assertEquals(2, run(Map.of("CATWALK_RUNNER_BIND", "nowhere"), "runner"));
        for (String variable : List.of("CATWALK_RUNNER_SPEC: Missing", "CATWALK_RUNNER_SECRET: Missing",
                "CATWALK_RUNNER_BIND: Not a host:port")) {
            assertTrue(err().contains(variable), err());
        }
        assertFalse(err().contains("nowhere"), err());
        assertEquals(2, run(Map.of(), "runner", "--bind=x"));
        assertTrue(err().contains("unexpected argument '--bind=x'"), err());
    }

    @Test
    void noCommandPrintsUsageAndExits2() {
        assertEquals(2, run(Map.of()));
        assertTrue(err().contains("Usage"), err());
    }

    @Test
    void anUnknownCommandExits2AndSaysWhatToRun() {
        assertEquals(2, run(Map.of(), "deploy-everything"));
        assertTrue(err().contains("unknown command 'deploy-everything'"), err());
        assertTrue(err().contains("--help"), err());
    }

    @Test
    void serveRefusesStrayArguments() {
        assertEquals(2, run(Map.of(), "serve", "--port=80"));
        assertTrue(err().contains("unexpected argument '--port=80'"), err());
    }

    @Test
    void aBadPortStopsServeWithExit2BeforeAnythingStarts() {
        assertEquals(2, run(Map.of("CATWALK_PORT", "http"), "serve"));
        assertTrue(err().contains("CATWALK_PORT"), err());
        assertTrue(err().contains("'http' is not a whole number"), err());
        assertTrue(err().contains("Expected an integer from 0 to 65535"), err());
    }

    @Test
    void oauthLifetimesThatDoNotFitStopServeWithExit2NamingTheVariable() {
        assertEquals(2, run(Map.of("CATWALK_OAUTH_ACCESS_TTL", "2h", "CATWALK_OAUTH_REFRESH_TTL", "1h",
                "CATWALK_OAUTH_CODE_TTL", "1h"), "serve"));
        assertTrue(err().contains("CATWALK_OAUTH_REFRESH_TTL: Shorter than CATWALK_OAUTH_ACCESS_TTL"), err());
        assertTrue(err().contains("CATWALK_OAUTH_CODE_TTL: '1h' is outside the allowed range. Expected a duration "
                + "from 10s to 10m"), err());
    }
}
