package live.catwalk.adapters.llm.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import live.catwalk.core.analysis.domain.AnalysisFixtures;
import live.catwalk.core.analysis.domain.EnvVar;
import live.catwalk.core.analysis.domain.PyProject;
import live.catwalk.core.analysis.domain.SmitheryYaml;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TOML and YAML readers with core's manifest readers on real repositories ({@link AnalysisFixtures}): every
 * {@code pyproject.toml} and {@code smithery.yaml} among a fixture's files is read, and the server's own agrees with
 * the fixture's expected answer.
 */
class ManifestFixturesTest {

    private final JacksonManifestFormats formats = new JacksonManifestFormats();

    static Stream<Path> pyprojects() throws IOException {
        return manifests("pyproject.toml");
    }

    static Stream<Path> smitheryYamls() throws IOException {
        return manifests("smithery.yaml");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("pyprojects")
    void aPyprojectNamesThePypiPackageAndUsesTheSdkWhenItIsAServer(Path file) throws IOException {
        JsonNode tree = formats.toml(Files.readString(file)).orElseThrow(() -> new AssertionError(file
                + " was not read as TOML"));
        PyProject p = assertInstanceOf(PyProject.Parsed.Read.class, PyProject.of(tree)).pyProject();
        Optional<JsonNode> expected = expectedFor(file);
        if (expected.isEmpty()) {
            return; // a manifest beside the server's (a monorepo's root): read, but the answer is not about it
        }
        JsonNode pkg = expected.get().path("package");
        if (pkg.path("registry").asText().equals("pypi")) {
            assertEquals(Optional.of(pkg.path("name").asText()), p.name());
        }
        assertEquals(expected.get().path("isMcpServer").asBoolean(), p.usesMcpSdk(), "usesMcpSdk");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("smitheryYamls")
    void aSmitheryYamlsVariablesAreTheRepositorysOwn(Path file) throws IOException {
        JsonNode tree = formats.yaml(Files.readString(file)).orElseThrow(() -> new AssertionError(file
                + " was not read as YAML"));
        SmitheryYaml s = assertInstanceOf(SmitheryYaml.Parsed.Read.class, SmitheryYaml.of(tree)).smitheryYaml();
        Optional<JsonNode> expected = expectedFor(file);
        if (expected.isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (String field : List.of("env", "envNotForStdio")) {
            expected.get().path(field).forEach(v -> known.add(v.path("name").asText()));
        }
        expected.get().path("env").forEach(v -> {
            if (v.path("secret").asBoolean()) {
                secrets.add(v.path("name").asText());
            }
        });
        for (EnvVar v : s.env()) {
            assertTrue(known.contains(v.name()), v.name() + " is not among the expected variables " + known);
            assertTrue(!secrets.contains(v.name()) || v.secret(), v.name() + " is a secret");
        }
    }

    /** Every file named {@code name} among the fixtures' files, at any depth. */
    private static Stream<Path> manifests(String name) throws IOException {
        return AnalysisFixtures.where(expected -> true).flatMap(fixture -> {
            try (Stream<Path> files = Files.walk(fixture.resolve("files"))) {
                return files.filter(f -> f.getFileName().toString().equals(name) && Files.isRegularFile(f))
                        .sorted().toList().stream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The expected answer when {@code file} is the server's manifest: in its fixture's files, at the subdir. */
    private static Optional<JsonNode> expectedFor(Path file) {
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            if (dir.getFileName().toString().equals("files") && Files.isRegularFile(dir.resolveSibling(
                    "expected.json"))) {
                JsonNode expected = AnalysisFixtures.expected(dir.getParent());
                String subdir = expected.path("subdir").isTextual() ? expected.path("subdir").asText() : "";
                return dir.resolve(subdir).normalize().equals(file.getParent().normalize()) ? Optional.of(expected)
                        : Optional.empty();
            }
        }
        return Optional.empty();
    }
}
