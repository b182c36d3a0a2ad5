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
import live.catwalk.core.analysis.domain.ServerJson.Argument;
import live.catwalk.core.analysis.domain.ServerJson.StdioPackage;
import live.catwalk.core.deployment.domain.PackageRef.Registry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A server.json's stdio packages, variables and arguments, as declared; what Catwalk cannot run is named. */
class ServerJsonTest {

    private static ServerJson read(String text) {
        return assertInstanceOf(ServerJson.Parsed.Read.class, ServerJson.parse(text)).serverJson();
    }

    @Test
    void readsTheStdioPackagesWithTheirVariablesAndArguments() {
        ServerJson s = read("""
                {
                  "$schema": "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json",
                  "name": "io.github.acme/files", "description": "Files over MCP", "version": "1.2.0",
                  "packages": [
                    {"registryType": "npm", "identifier": "@acme/files-mcp", "version": "1.2.0",
                     "transport": {"type": "stdio"},
                     "packageArguments": [
                       {"type": "positional", "valueHint": "allowed-directory", "isRequired": true},
                       {"type": "named", "name": "--mode", "default": "read-only"}
                     ],
                     "environmentVariables": [
                       {"name": "ACME_TOKEN", "description": "Your token", "isRequired": true, "isSecret": true},
                       {"name": "ACME_REGION", "format": "string", "default": "eu", "choices": ["eu", "us"]},
                       {"name": "ACME_TIMEOUT", "format": "number"},
                       {"name": "ACME_API_KEY"},
                       {"name": "not a name"}
                     ]},
                    {"registryType": "oci", "identifier": "docker.io/acme/files:1.2.0", "transport": {"type": "stdio"}},
                    {"registryType": "npm", "identifier": "@acme/files-http", "transport": {"type": "streamable-http"}}
                  ],
                  "remotes": [{"type": "streamable-http", "url": "https://files.acme.dev/mcp"}]
                }
                """);

        assertEquals(Optional.of("io.github.acme/files"), s.name());
        StdioPackage p = s.packages().getFirst();
        assertEquals(1, s.packages().size());
        assertEquals(Registry.NPM, p.registry());
        assertEquals("@acme/files-mcp", p.identifier());
        assertEquals(Optional.of("1.2.0"), p.version());
        assertEquals(List.of(
                new EnvVar("ACME_TOKEN", Optional.of("Your token"), true, true, Optional.empty(), "text", List.of(),
                        Source.SERVER_JSON),
                new EnvVar("ACME_REGION", Optional.empty(), false, false, Optional.of("eu"), "text",
                        List.of("eu", "us"), Source.SERVER_JSON),
                new EnvVar("ACME_TIMEOUT", Optional.empty(), false, false, Optional.empty(), "number", List.of(),
                        Source.SERVER_JSON),
                new EnvVar("ACME_API_KEY", Optional.empty(), false, true, Optional.empty(), "text", List.of(),
                        Source.SERVER_JSON)), p.env());
        assertEquals(List.of(new Argument(false, "allowed-directory", Optional.empty(), true)), p.requiredArguments());
        assertEquals(List.of("<allowed-directory>"), p.requiredArguments().getFirst().words());
        assertEquals(List.of("--mode", "read-only"), p.arguments().get(1).words());
        assertEquals(List.of("oci:docker.io/acme/files:1.2.0", "npm:@acme/files-http (streamable-http)"),
                s.otherPackages());
        assertTrue(s.hasRemotes());
        assertEquals(1, s.warnings().size(), "the bad variable name is skipped and said");
        assertTrue(s.warnings().getFirst().contains("not a name"));
    }

    @Test
    void theSnakeCaseOfThe2025_07SchemasReadsTheSame() {
        ServerJson s = read("""
                {"name": "io.github.acme/voice", "packages": [{"registry_type": "pypi", "identifier": "acme-voice",
                  "version": "0.8.1", "transport": {"type": "stdio"},
                  "environment_variables": [{"name": "ACME_KEY", "is_required": true, "is_secret": true},
                                            {"name": "ACME_BASE_PATH", "is_required": false}],
                  "package_arguments": [{"type": "positional", "value_hint": "workspace", "is_required": true}]}]}
                """);

        StdioPackage p = s.packages().getFirst();
        assertEquals(Registry.PYPI, p.registry());
        assertEquals(List.of(true, false), p.env().stream().map(EnvVar::required).toList());
        assertEquals(List.of("<workspace>"), p.requiredArguments().getFirst().words());
    }

    @Test
    void aRemoteOnlyServerHasNoStdioPackage() {
        ServerJson s = read("{\"name\": \"com.acme/hosted\", \"remotes\": [{\"type\": \"sse\", \"url\": \"https://x\"}]}");

        assertEquals(List.of(), s.packages());
        assertTrue(s.hasRemotes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1, 2]", "\"text\"", ""})
    void whatIsNotAServerJsonIsSaidNotThrown(String text) {
        assertInstanceOf(ServerJson.Parsed.Unreadable.class, ServerJson.parse(text));
    }

    @Test
    void aHugeFileIsNotRead() {
        String huge = "{\"description\": \"" + "x".repeat(ServerJson.MAX_BYTES) + "\"}";
        assertInstanceOf(ServerJson.Parsed.Unreadable.class, ServerJson.parse(huge));
        String longText = read("{\"description\": \"" + "y".repeat(10_000) + "\"}").description().orElseThrow();
        assertEquals(300, longText.length());
    }

    static Stream<Path> withServerJson() throws IOException {
        return AnalysisFixtures.where(AnalysisFixtures::publishedServer)
                .filter(d -> Files.isRegularFile(d.resolve("files").resolve("server.json")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("withServerJson")
    void aRealServerJsonDeclaresThePublishedPackageAndRealVariables(Path fixture) throws IOException {
        JsonNode expected = AnalysisFixtures.expected(fixture);
        ServerJson s = read(Files.readString(fixture.resolve("files").resolve("server.json")));

        String pkg = expected.path("package").path("name").asText();
        StdioPackage p = s.packages().stream().filter(x -> x.identifier().equals(pkg)).findFirst().orElseThrow(
                () -> new AssertionError("no stdio package " + pkg + " in " + s.packages()));
        assertEquals(expected.path("package").path("registry").asText(), p.registry().wireName());
        for (EnvVar v : p.env()) {
            assertTrue(AnalysisFixtures.realVariables(expected).contains(v.name()), v.name());
            assertFalse(AnalysisFixtures.decoys(expected).contains(v.name()), v.name());
        }
    }
}
