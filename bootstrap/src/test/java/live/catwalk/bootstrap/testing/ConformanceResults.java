package live.catwalk.bootstrap.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The conformance suite's verdicts, read from the {@code checks.json} of each scenario in its {@code -o} folder. */
public final class ConformanceResults {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One scenario's check counts; it passes with no failure, no warning and at least one success. */
    public record Scenario(String name, int ok, int failed, int warned, List<String> problems) {

        public boolean passed() {
            return failed == 0 && warned == 0 && ok > 0;
        }

        public String verdict() {
            return failed > 0 ? "FAIL" : warned > 0 ? "WARN" : ok > 0 ? "pass" : "none";
        }

        @Override
        public String toString() {
            String line = String.format("  %-4s %-32s %2d ok %2d failed %2d warnings", verdict(), name, ok, failed, warned);
            return problems.isEmpty() ? line : line + "\n" + String.join("\n", problems.stream().map(p -> "       " + p).toList());
        }
    }

    private ConformanceResults() {
    }

    /** Every scenario in the folder, in the order the suite ran them. */
    public static List<Scenario> read(Path out) {
        try (Stream<Path> files = Files.walk(out)) {
            return files.filter(path -> path.getFileName().toString().equals("checks.json"))
                    .sorted(Comparator.comparing(ConformanceResults::startedAt))
                    .map(ConformanceResults::scenario)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line per scenario, for logs and reports. */
    public static String table(List<Scenario> scenarios) {
        StringBuilder table = new StringBuilder();
        scenarios.forEach(s -> table.append(s).append('\n'));
        return table.toString();
    }

    /** The suite names each scenario's folder {@code server-<scenario>-<ISO time it started>}. */
    private static String startedAt(Path checks) {
        return checks.getParent().getFileName().toString().replaceFirst("^.*-(\\d{4}-\\d{2}-\\d{2}T)", "$1");
    }

    private static Scenario scenario(Path checks) {
        int ok = 0;
        int failed = 0;
        int warned = 0;
        List<String> problems = new ArrayList<>();
        try {
            for (JsonNode check : JSON.readTree(checks.toFile())) {
                switch (check.path("status").asText()) {
                    case "SUCCESS" -> ok++;
                    case "FAILURE" -> failed++;
                    case "WARNING" -> warned++;
                    default -> { }
                }
                if (check.path("status").asText().matches("FAILURE|WARNING")) {
                    problems.add(check.path("status").asText() + " " + check.path("id").asText() + ": "
                            + check.path("errorMessage").asText(check.path("description").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = checks.getParent().getFileName().toString().replaceFirst("^server-", "")
                .replaceFirst("-\\d{4}-\\d{2}-\\d{2}T.*$", "");
        return new Scenario(name, ok, failed, warned, List.copyOf(problems));
    }
}
