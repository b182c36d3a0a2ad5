package live.catwalk.bootstrap.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentsFileTest {

    @TempDir
    Path dir;

    private Path file(String json) throws IOException {
        return Files.writeString(dir.resolve("deployments.json"), json);
    }

    @Test
    void readsDeploymentsWithTheirCommandEnvModeAndTokenHash() throws IOException {
        List<ConfiguredDeployment> read = DeploymentsFile.read(file("""
                {"deployments": [
                  {"id": "everything", "command": ["npx", "-y", "@modelcontextprotocol/server-everything@2026.8.31"],
                   "env": {"API_KEY": "k-123"}, "token": "0123456789abcdef-token"},
                  {"id": "solo", "command": ["uvx", "mcp-server-time==1.0"], "sessionMode": "isolated",
                   "tokenSha256": "%s"}
                ]}""".formatted("ab".repeat(32))));

        assertEquals(2, read.size());
        ConfiguredDeployment everything = read.getFirst();
        assertEquals("everything", everything.id());
        assertEquals(new Launch.Command(List.of("npx", "-y", "@modelcontextprotocol/server-everything@2026.8.31")),
                everything.spec().launch());
        assertEquals(List.of(new EnvVarName("API_KEY")), everything.spec().envNames());
        assertEquals(Map.of("API_KEY", "k-123"), everything.env());
        ServerCommand command = everything.command(List.of("x"));
        assertEquals(Map.of("API_KEY", "k-123"), command.env());
        assertEquals(Optional.of(new ServerCommand.Workspace("file", "file-everything")), command.workspace());
        assertEquals(SessionMode.SHARED, everything.mode());
        assertArrayEquals(DeploymentsFile.sha256("0123456789abcdef-token"), everything.tokenSha256());
        assertEquals(SessionMode.ISOLATED, read.get(1).mode());
        assertEquals(32, read.get(1).tokenSha256().length);
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPlaceAndNoSecretIsRepeated() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> DeploymentsFile.read(file("""
                {"deployments": [
                  {"id": "Bad_Id", "command": [], "env": {"LD_PRELOAD": "/evil.so", "lower": "x"}, "token": "short-secret"},
                  {"id": "ok", "command": ["x"], "sessionMode": "both", "token": "long-enough-token-1", "colour": "red"},
                  {"id": "ok", "command": ["y"], "token": "long-enough-token-2"}
                ]}""")));

        String all = e.getMessage();
        for (String expected : List.of("deployments[0].id", "deployments[0].command", "deployments[0].env.LD_PRELOAD",
                "deployments[0].env.lower", "deployments[0].token", "deployments[1].sessionMode",
                "deployments[1].colour", "deployments[2].id")) {
            assertTrue(all.contains(expected), expected + " missing in:\n" + all);
        }
        assertFalse(all.contains("short-secret"), all);
        assertFalse(all.contains("/evil.so"), all);
        assertTrue(e.problems().stream().allMatch(p -> p.field().orElseThrow().equals("CATWALK_DEPLOYMENTS_FILE")));
    }

    @Test
    void aPackageIsReadAsRequestedWithItsArgumentsToBePinnedAtStart() throws IOException {
        List<ConfiguredDeployment> read = DeploymentsFile.read(file("""
                {"deployments": [
                  {"id": "npm", "package": {"registry": "npm", "name": "@modelcontextprotocol/server-filesystem",
                   "version": "2026.1.14", "args": ["/data", "--ro"]}, "token": "0123456789abcdef-token"},
                  {"id": "py", "package": {"registry": "pypi", "name": "mcp-server-time"}, "token": "0123456789abcdef-token"}
                ]}"""));

        assertEquals(new Launch.Package(new PackageRef(PackageRef.Registry.NPM, "@modelcontextprotocol/server-filesystem",
                Optional.of("2026.1.14")), List.of("/data", "--ro")), read.get(0).spec().launch());
        assertEquals(new Launch.Package(new PackageRef(PackageRef.Registry.PYPI, "mcp-server-time", Optional.empty())),
                read.get(1).spec().launch());
        assertEquals("npm", read.get(0).spec().name());
    }

    @Test
    void theFileMeetsTheApisRulesForArgumentsVariablesAndCommands() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> DeploymentsFile.read(file("""
                {"deployments": [
                  {"id": "a", "package": {"registry": "npm", "name": "x", "args": ["ok", "ok", "ok", "two\\nlines"]},
                   "token": "0123456789abcdef-t"},
                  {"id": "b", "package": {"registry": "npm", "name": "x", "args": "/data", "versoin": "1"},
                   "token": "0123456789abcdef-t"},
                  {"id": "c", "command": ["node", 7], "env": {"BIG": "%s", "N": 1}, "token": "0123456789abcdef-t"},
                  {"id": "d", "package": {"registry": "npm"}, "token": "0123456789abcdef-t"}
                ]}""".formatted("v".repeat(16 * 1024 + 1)))));

        String all = e.getMessage();
        for (String expected : List.of("deployments[0].package.args[3] contains a control character",
                "deployments[1].package.args must be a list of strings", "deployments[1].package.versoin is not a known field",
                "deployments[2].command is not a runnable argv", "deployments[2].env.BIG is 16385 bytes long; at most 16384",
                "deployments[2].env.N must be a string", "deployments[3].package.name is required")) {
            assertTrue(all.contains(expected), expected + " missing in:\n" + all);
        }
        assertFalse(all.contains("deployments[1].package is required"), all);
        assertFalse(all.contains("deployments[3].package is required"), all);
        assertFalse(all.contains("vvvv"), all);
        assertEquals(7, e.problems().size(), all);
    }

    @Test
    void aDeploymentNeedsACommandOrAValidPackageButNotBoth() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> DeploymentsFile.read(file("""
                {"deployments": [
                  {"id": "both", "command": ["x"], "package": {"registry": "npm", "name": "x"}, "token": "0123456789abcdef-t"},
                  {"id": "bad", "package": {"registry": "npm", "name": "Not Valid"}, "token": "0123456789abcdef-t"},
                  {"id": "where", "package": {"registry": "cargo", "name": "x"}, "token": "0123456789abcdef-t"}
                ]}""")));

        assertTrue(e.getMessage().contains("deployments[0].command cannot be given together with a package"),
                e.getMessage());
        assertTrue(e.getMessage().contains("deployments[1].package.name is not an npm package name"), e.getMessage());
        assertTrue(e.getMessage().contains("deployments[2].package.registry must be"), e.getMessage());
    }

    @Test
    void aDeploymentNeedsExactlyOneOfTokenAndTokenHash() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> DeploymentsFile.read(file(
                "{\"deployments\":[{\"id\":\"a\",\"command\":[\"x\"]}]}")));

        assertTrue(e.getMessage().contains("exactly one of \"token\" and \"tokenSha256\""), e.getMessage());
    }

    @Test
    void aFileThatIsNotJsonOrHasNoListIsReportedClearly() throws IOException {
        assertTrue(assertThrows(ConfigException.class, () -> DeploymentsFile.read(file("{oops")))
                .getMessage().contains("not valid JSON"));
        assertTrue(assertThrows(ConfigException.class, () -> DeploymentsFile.read(file("[]")))
                .getMessage().contains("\"deployments\" array"));
    }
}
