package live.catwalk.bootstrap;

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
import live.catwalk.core.mcp.domain.SessionMode;
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
        assertEquals(List.of("npx", "-y", "@modelcontextprotocol/server-everything@2026.8.31"), everything.command().argv());
        assertEquals(Map.of("API_KEY", "k-123"), everything.command().env());
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
    void aPackageIsRunThroughItsRegistrysRunner() throws IOException {
        List<ConfiguredDeployment> read = DeploymentsFile.read(file("""
                {"deployments": [
                  {"id": "npm", "package": {"registry": "npm", "name": "@modelcontextprotocol/server-everything",
                   "version": "2026.8.31"}, "token": "0123456789abcdef-token"},
                  {"id": "py", "package": {"registry": "pypi", "name": "mcp-server-time"}, "token": "0123456789abcdef-token"}
                ]}"""));

        assertEquals(List.of("npx", "-y", "--", "@modelcontextprotocol/server-everything@2026.8.31"),
                read.get(0).command().argv());
        assertEquals(List.of("uvx", "--from=mcp-server-time", "mcp-server-time"), read.get(1).command().argv());
    }

    @Test
    void aDeploymentNeedsACommandOrAValidPackageButNotBoth() throws IOException {
        ConfigException e = assertThrows(ConfigException.class, () -> DeploymentsFile.read(file("""
                {"deployments": [
                  {"id": "both", "command": ["x"], "package": {"registry": "npm", "name": "x"}, "token": "0123456789abcdef-t"},
                  {"id": "bad", "package": {"registry": "npm", "name": "Not Valid"}, "token": "0123456789abcdef-t"},
                  {"id": "where", "package": {"registry": "cargo", "name": "x"}, "token": "0123456789abcdef-t"}
                ]}""")));

        assertTrue(e.getMessage().contains("deployments[0] needs exactly one of \"command\""), e.getMessage());
        assertTrue(e.getMessage().contains("deployments[1].package is not an npm package name"), e.getMessage());
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
