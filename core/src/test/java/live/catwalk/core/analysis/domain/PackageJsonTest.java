package live.catwalk.core.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A package.json's name, commands, registry name and whether it is an MCP server's. */
class PackageJsonTest {

    private static PackageJson read(String text) {
        return assertInstanceOf(PackageJson.Parsed.Read.class, PackageJson.parse(text)).packageJson();
    }

    @Test
    void readsWhatTheAnalysisNeeds() {
        PackageJson p = read("""
                {"name": "@acme/weather-mcp", "version": "1.4.0", "description": "Weather over MCP",
                 "bin": {"weather-mcp": "dist/index.js"}, "mcpName": "io.github.acme/weather",
                 "dependencies": {"@modelcontextprotocol/sdk": "^1.20.0", "zod": "^3"}}
                """);

        assertEquals(new PackageJson(Optional.of("@acme/weather-mcp"), Optional.of("1.4.0"),
                Optional.of("Weather over MCP"), List.of("weather-mcp"), Optional.of("io.github.acme/weather"), false,
                true), p);
    }

    @Test
    void aStringBinInstallsThePackagesOwnUnscopedName() {
        assertEquals(List.of("tool"), read("{\"name\": \"@acme/tool\", \"bin\": \"cli.js\"}").bins());
        assertEquals(List.of("tool"), read("{\"name\": \"tool\", \"bin\": \"cli.js\"}").bins());
    }

    @Test
    void aNameNpmWouldRefuseIsNoName() {
        PackageJson p = read("{\"name\": \"../Evil Name\", \"private\": true, \"peerDependencies\": {\"fastmcp\": \"*\"}}");

        assertEquals(Optional.empty(), p.name());
        assertTrue(p.isPrivate());
        assertTrue(p.usesMcpSdk(), "a peer dependency counts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "[]", "null", "\"x\""})
    void whatIsNotAPackageJsonIsSaidNotThrown(String text) {
        assertInstanceOf(PackageJson.Parsed.Unreadable.class, PackageJson.parse(text));
    }

    static Stream<Path> npmFixtures() throws IOException {
        return AnalysisFixtures.where(e -> e.path("package").path("registry").asText().equals("npm"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("npmFixtures")
    void aRealPackageJsonNamesThePublishedPackageAndTellsAServerFromALibrary(Path fixture) throws IOException {
        JsonNode expected = AnalysisFixtures.expected(fixture);
        Path file = fixture.resolve("files").resolve(expected.path("subdir").asText("")).resolve("package.json");

        PackageJson p = read(Files.readString(file));

        assertEquals(Optional.of(expected.path("package").path("name").asText()), p.name());
        assertFalse(p.isPrivate());
        assertFalse(p.bins().isEmpty(), "a published server or CLI installs a command");
        assertEquals(expected.path("isMcpServer").asBoolean(), p.usesMcpSdk());
    }
}
