package live.catwalk.core.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README reader on real repositories (the team's analysis fixtures, read from {@code ../shared} at test time,
 * never copied): for each MCP server with a published package, its README shows a launch of that package, and the
 * variables those launches set are variables the repository really has. Without {@code ../shared} the test skips
 * with a loud message; under {@code CI=true} it fails.
 */
class ReadmeFactsFixturesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> fixtures() throws IOException {
        Optional<Path> root = fixtureRoot();
        if (root.isEmpty()) {
            String why = "ReadmeFactsFixturesTest: ../shared/fixtures/analysis not found above "
                    + Path.of("").toAbsolutePath() + "; the real-repository checks did not run";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            System.err.println("WARNING " + why);
            Assumptions.abort(why);
        }
        try (Stream<Path> dirs = Files.list(root.get())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("expected.json"))).filter(ReadmeFactsFixturesTest::publishedServer)
                    .sorted().toList().stream();
        }
    }

    /** Whether the fixture is an MCP server with a published package (the others have no launch to find). */
    private static boolean publishedServer(Path fixture) {
        try {
            JsonNode expected = JSON.readTree(fixture.resolve("expected.json").toFile());
            return expected.path("isMcpServer").asBoolean() && expected.path("package").isObject();
        } catch (IOException e) {
            throw new IllegalStateException("unreadable fixture " + fixture, e);
        }
    }

    /** {@code shared/fixtures/analysis} beside the checkout (or any directory above it); never the holdout. */
    private static Optional<Path> fixtureRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures").resolve("analysis");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("fixtures")
    void aPublishedServersReadmeLaunchesItsPackageWithRealVariables(Path fixture) throws IOException {
        JsonNode expected = JSON.readTree(fixture.resolve("expected.json").toFile());
        String pkg = expected.path("package").path("name").asText();
        String subdir = expected.path("subdir").asText("");
        Path readme = fixture.resolve("files").resolve(subdir).resolve("README.md");
        assertTrue(Files.isRegularFile(readme), "no README at " + readme);

        ReadmeFacts facts = ReadmeFacts.of(Files.readString(readme));

        assertTrue(facts.launches().stream().anyMatch(l -> l.runs(pkg)), "no launch of " + pkg + " in "
                + facts.launches());
        Set<String> real = new HashSet<>();
        for (String field : List.of("env", "envNotForStdio", "envSourceOnly")) {
            expected.path(field).forEach(v -> real.add(v.isObject() ? v.path("name").asText() : v.asText()));
        }
        Set<String> decoys = new HashSet<>();
        expected.path("decoys").forEach(v -> decoys.add(v.isObject() ? v.path("name").asText() : v.asText()));
        for (EnvVar v : facts.env(l -> l.runs(pkg))) {
            assertTrue(real.contains(v.name()), v.name() + " is not a variable of " + fixture.getFileName());
            assertFalse(decoys.contains(v.name()), v.name() + " is a decoy");
        }
    }
}
