package live.catwalk.core.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The README reader on real repositories ({@link AnalysisFixtures}): for each MCP server with a published package,
 * its README shows a launch of that package, and the variables those launches set are variables the repository
 * really has.
 */
class ReadmeFactsFixturesTest {

    static Stream<Path> fixtures() throws IOException {
        return AnalysisFixtures.where(AnalysisFixtures::publishedServer);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("fixtures")
    void aPublishedServersReadmeLaunchesItsPackageWithRealVariables(Path fixture) throws IOException {
        JsonNode expected = AnalysisFixtures.expected(fixture);
        String pkg = expected.path("package").path("name").asText();
        Path readme = fixture.resolve("files").resolve(expected.path("subdir").asText("")).resolve("README.md");
        assertTrue(Files.isRegularFile(readme), "no README at " + readme);

        ReadmeFacts facts = ReadmeFacts.of(Files.readString(readme));

        assertTrue(facts.launches().stream().anyMatch(l -> l.runs(pkg)), "no launch of " + pkg + " in "
                + facts.launches());
        Set<String> real = AnalysisFixtures.realVariables(expected);
        Set<String> decoys = AnalysisFixtures.decoys(expected);
        for (EnvVar v : facts.env(l -> l.runs(pkg))) {
            assertTrue(real.contains(v.name()), v.name() + " is not a variable of " + fixture.getFileName());
            assertFalse(decoys.contains(v.name()), v.name() + " is a decoy");
        }
    }
}
