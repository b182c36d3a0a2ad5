package live.catwalk.core.analysis.domain;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The team's real-repository analysis fixtures, read from {@code shared/fixtures/analysis} beside the checkout at
 * test time (never copied into the project; never the holdout). Without them a test skips with a loud message;
 * under {@code CI=true} it fails.
 */
public final class AnalysisFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AnalysisFixtures() {
    }

    /** The fixture folders whose expected answer {@code wanted} accepts, sorted by name. */
    public static Stream<Path> where(Predicate<JsonNode> wanted) throws IOException {
        Optional<Path> root = root();
        if (root.isEmpty()) {
            String why = "shared/fixtures/analysis not found above " + Path.of("").toAbsolutePath()
                    + "; the real-repository checks did not run";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            System.err.println("WARNING " + why);
            Assumptions.abort(why);
        }
        try (Stream<Path> dirs = Files.list(root.get())) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("expected.json")))
                    .filter(d -> wanted.test(expected(d))).sorted().toList().stream();
        }
    }

    /** A fixture's {@code expected.json}. */
    public static JsonNode expected(Path fixture) {
        try {
            return JSON.readTree(fixture.resolve("expected.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable fixture " + fixture, e);
        }
    }

    /** Whether the fixture is an MCP server with a published package. */
    public static boolean publishedServer(JsonNode expected) {
        return expected.path("isMcpServer").asBoolean() && expected.path("package").isObject();
    }

    /** Every variable the repository really has: its stdio ones, the HTTP-only ones and the source-only ones. */
    public static Set<String> realVariables(JsonNode expected) {
        return names(expected, List.of("env", "envNotForStdio", "envSourceOnly"));
    }

    /** Names that look like configuration but are not read by the server. */
    static Set<String> decoys(JsonNode expected) {
        return names(expected, List.of("decoys"));
    }

    private static Set<String> names(JsonNode expected, List<String> fields) {
        Set<String> names = new HashSet<>();
        for (String field : fields) {
            expected.path(field).forEach(v -> names.add(v.isObject() ? v.path("name").asText() : v.asText()));
        }
        return names;
    }

    /** {@code shared/fixtures/analysis} beside the checkout, or above it. */
    private static Optional<Path> root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("fixtures").resolve("analysis");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
