package live.catwalk.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import live.catwalk.bootstrap.cli.Cli;
import live.catwalk.core.analysis.domain.AnalysisFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client verbs against a real server: login (the token stored 0600, asked for when left out), deploy from npm
 * and from a GitHub link (a missing secret asked for), ls/status/logs/stop/start/restart/token/connect/rm, --json,
 * exit codes 0, 1 and 2, and --help on every verb. GitHub is a stub serving a shared fixture; npm is the real one.
 */
class CliIT {

    @TempDir
    static Path temp;

    private static AnalysisStubs stubs;
    private static AnalysisStubs.Serving serving;
    private static Map<String, String> env;

    @BeforeAll
    static void start() throws Exception {
        stubs = new AnalysisStubs();
        serving = stubs.serve(temp, Map.of("CATWALK_NPM_REGISTRY", "https://registry.npmjs.org/"));
        stubs.fixture(AnalysisFixtures.where(e -> e.path("repo").asText().equals("jerhadf/linear-mcp-server"))
                .findFirst().orElseThrow());
        env = new HashMap<>(Map.of("CATWALK_CLI_CONFIG", temp.resolve("cli/cli.json").toString()));
        assertEquals(0, cli("", "login", "--server", server(), "--token", serving.admin()).code, "login");
    }

    @AfterAll
    static void stop() {
        AnalysisStubs.stop(serving, stubs);
    }

    private static String server() {
        return serving.api().base().toString();
    }

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return AnalysisStubs.JSON.readTree(out);
        }
    }

    private static Run cli(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void loginStoresTheTokenForThisUserOnlyAndAsksForItWhenLeftOut() throws Exception {
        Path file = temp.resolve("cli/cli.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        Run asked = cli(serving.admin() + "\n", "login", "--server", server());
        assertEquals(0, asked.code, asked.err);
        assertTrue(asked.err.contains("Personal token"), asked.err);
        assertFalse(asked.out.contains(serving.admin()), "the token is never printed");
        Run wrong = cli("", "login", "--server", server(), "--token", "cwk_wrong");
        assertEquals(1, wrong.code, wrong.err);
        assertTrue(Files.readString(file).contains(serving.admin()), "a failed login keeps the last good one");
        assertEquals(2, cli("", "login", "--server", "ftp://x").code);
    }

    @Test
    void aPackageIsDeployedWatchedChangedAndRemoved() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("served"));
        Run deployed = cli("", "deploy", "npm:@modelcontextprotocol/server-filesystem", "--arg", dir.toString(),
                "--name", "files");
        assertEquals(0, deployed.code, deployed.err);
        assertTrue(deployed.out.contains("MCP URL: ") && deployed.out.contains("Token:   cwd_"), deployed.out);
        assertTrue(deployed.err.contains("running"), deployed.err);
        String id = id(deployed.err);

        Run ls = cli("", "ls", "--json");
        List<String> ids = new ArrayList<>();
        ls.json().path("items").forEach(d -> ids.add(d.path("id").asText()));
        assertTrue(ids.contains(id), ls.out);
        assertTrue(cli("", "ls").out.contains("files"), "a table by default");
        assertEquals("running", cli("", "status", id, "--json").json().path("status").asText());
        assertEquals(0, cli("", "logs", id).code);
        assertEquals("stopped", cli("", "stop", id, "--json").json().path("desiredState").asText());
        assertEquals("running", cli("", "start", id, "--json").json().path("desiredState").asText());

        Run rotated = cli("", "token", "rotate", id);
        assertEquals(0, rotated.code, rotated.err);
        assertTrue(rotated.out.strip().startsWith("cwd_"), rotated.out);
        Run code = cli("", "connect", id, "--client", "claude-code");
        assertTrue(code.out.contains("claude mcp add") && code.out.contains("/mcp/" + id), code.out);
        assertTrue(cli("", "connect", id, "--client", "claude-desktop").out.contains("mcp-remote"));
        JsonNode generic = AnalysisStubs.JSON.readTree(cli("", "connect", id, "--client", "json").out);
        assertEquals("http", generic.path("type").asText(), generic.toString());
        assertTrue(generic.path("url").asText().endsWith("/mcp/" + id), generic.toString());
        Run restarted = cli("", "restart", id, "--json");
        assertEquals(0, restarted.code, restarted.err);
        assertEquals("running", restarted.json().path("desiredState").asText());
        assertTrue(cli("", "logs", id, "--json").json().path("lines").isArray());
        assertEquals(2, cli("", "connect", id, "--client", "vim").code);
        Run apps = cli("", "apps", id);
        assertEquals(0, apps.code, apps.err);
        assertTrue(apps.out.contains("No application is connected."), apps.out);
        assertTrue(cli("", "apps", id, "--json").json().path("items").isArray());
        Run unknownGrant = cli("", "apps", id, "--revoke", "00000000-0000-0000-0000-000000000001");
        assertEquals(1, unknownGrant.code);
        assertTrue(unknownGrant.err.contains("no such connected application"), unknownGrant.err);

        assertEquals(0, cli("", "rm", id).code);
        Run gone = cli("", "status", id);
        assertEquals(1, gone.code);
        assertTrue(gone.err.contains("catwalk status:"), gone.err);
    }

    @Test
    void aGithubLinkIsAnalysedAndAMissingSecretAskedFor() throws Exception {
        Run analyzed = cli("", "analyze", "jerhadf/linear-mcp-server", "--json");
        assertEquals(0, analyzed.code, analyzed.err);
        assertEquals("linear-mcp-server", analyzed.json().path("analysis").path("package").path("name").asText());
        assertTrue(cli("", "analyze", "jerhadf/linear-mcp-server").out.contains("LINEAR_API_KEY (required) (secret)"));

        Run deployed = cli("lin_api_typed_not_echoed\n", "deploy", "github:jerhadf/linear-mcp-server");
        assertEquals(0, deployed.code, deployed.err);
        assertTrue(deployed.err.contains("(LINEAR_API_KEY): "), deployed.err);
        assertFalse((deployed.out + deployed.err).contains("lin_api_typed_not_echoed"));
        Run noAnswer = cli("", "deploy", "github:jerhadf/linear-mcp-server", "--no-wait");
        assertEquals(1, noAnswer.code);
        assertTrue(noAnswer.err.contains("LINEAR_API_KEY is required; give it with --env"), noAnswer.err);
        Run notFound = cli("", "analyze", "acme/nothing-here");
        assertEquals(1, notFound.code);
        assertTrue(notFound.err.contains("not found") && notFound.err.contains("hint:"), notFound.err);
    }

    @Test
    void usageErrorsAre2AndEveryVerbHasHelp() {
        assertEquals(2, cli("", "deploy", "cargo:ripgrep").code);
        assertEquals(2, cli("", "status").code);
        assertEquals(2, cli("", "deploy", "npm:x", "--env", "NOEQUALS").code);
        for (String verb : Cli.VERBS) {
            Run help = cli("", verb, "--help");
            assertEquals(0, help.code, verb);
            assertTrue(help.out.contains("Usage: catwalk " + verb), verb + ": " + help.out);
        }
    }

    /** The deployment id in a deploy's "created NAME (ID), …" line. */
    private static String id(String err) {
        int open = err.indexOf('(', err.indexOf("created "));
        return err.substring(open + 1, err.indexOf(')', open));
    }
}
