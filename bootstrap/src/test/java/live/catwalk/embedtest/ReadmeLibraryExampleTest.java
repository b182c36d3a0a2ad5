package live.catwalk.embedtest;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import live.catwalk.bootstrap.Catwalk;
import org.junit.jupiter.api.Test;

/**
 * The library face: the README shows the embedding test's code, the test uses nothing of bootstrap but the
 * public {@link Catwalk} API (and the test tools), and the builder names the option a mistake is in.
 */
class ReadmeLibraryExampleTest {

    private static final Path ROOT = Path.of(System.getProperty("catwalk.root", ".."));

    private static List<String> between(Path file, String begin, String end) throws IOException {
        List<String> lines = Files.readAllLines(file);
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(begin)) {
                from = i + 1;
            } else if (from >= 0 && lines.get(i).contains(end)) {
                return lines.subList(from, i).stream().map(String::strip).filter(l -> !l.isEmpty()).toList();
            }
        }
        throw new AssertionError(file + " has no block between '" + begin + "' and '" + end + "'");
    }

    @Test
    void theReadmeShowsTheEmbeddingTestsCode() throws IOException {
        List<String> inTest = between(ROOT.resolve("bootstrap/src/test/java/live/catwalk/embedtest/EmbeddedCatwalkIT.java"),
                "README: library example begins", "README: library example ends");
        List<String> inReadme = between(ROOT.resolve("README.md"), "```java", "```");

        assertTrue(inTest.size() > 5);
        assertEquals(inTest, inReadme.subList(inReadme.size() - inTest.size(), inReadme.size()));
    }

    @Test
    void theEmbeddingTestUsesOnlyThePublicApi() {
        noClasses().that().resideInAPackage("live.catwalk.embedtest..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "bootstrap internals", (com.tngtech.archunit.core.domain.JavaClass c) ->
                                c.getPackageName().startsWith("live.catwalk.bootstrap")
                                        && !c.getPackageName().equals("live.catwalk.bootstrap.testing")
                                        && !c.getName().startsWith("live.catwalk.bootstrap.Catwalk")))
                .check(new ClassFileImporter().importPackages("live.catwalk.embedtest"));
    }

    @Test
    void aBadVariableIsRefusedByNameBeforeAnythingIsCreated(@org.junit.jupiter.api.io.TempDir Path temp) {
        Path home = temp.resolve("home");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> Catwalk.builder()
                .home(home).variable("CATWALK_HEALTH_INTERVAL", "forever").start());

        assertTrue(bad.getMessage().contains("CATWALK_HEALTH_INTERVAL"), bad.getMessage());
        assertTrue(Files.notExists(home), "nothing is created for a configuration that is refused");
    }

    @Test
    void theBuilderNamesTheOptionThatIsWrong() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Catwalk.builder().port(0).start())
                .getMessage().startsWith("home:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Catwalk.builder().port(70000))
                .getMessage().startsWith("port:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Catwalk.builder().sandbox("maybe"))
                .getMessage().startsWith("sandbox:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Catwalk.builder().variable("CATWALK_NOPE", "1"))
                .getMessage().startsWith("variable:"));
    }
}
