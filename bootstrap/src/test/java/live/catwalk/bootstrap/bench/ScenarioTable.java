package live.catwalk.bootstrap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** One line per scenario from the suite's {@code -o} folder: verdict and check counts, warnings included. */
final class ScenarioTable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScenarioTable() {
    }

    static String of(Path out) throws IOException {
        StringBuilder table = new StringBuilder();
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> checks = files.filter(path -> path.getFileName().toString().equals("checks.json"))
                    .sorted(Comparator.comparing(ScenarioTable::startedAt))
                    .toList();
            for (Path file : checks) {
                table.append(line(file)).append('\n');
            }
        }
        return table.toString();
    }

    /** The suite names each scenario's folder {@code server-<scenario>-<ISO time it started>}. */
    private static String startedAt(Path checks) {
        return checks.getParent().getFileName().toString().replaceFirst("^.*-(\\d{4}-\\d{2}-\\d{2}T)", "$1");
    }

    private static String line(Path checks) throws IOException {
        int ok = 0;
        int failed = 0;
        int warned = 0;
        for (JsonNode check : JSON.readTree(checks.toFile())) {
            switch (check.path("status").asText()) {
                case "SUCCESS" -> ok++;
                case "FAILURE" -> failed++;
                case "WARNING" -> warned++;
                default -> { }
            }
        }
        String verdict = failed > 0 ? "FAIL" : warned > 0 ? "WARN" : ok > 0 ? "pass" : "none";
        String scenario = checks.getParent().getFileName().toString().replaceFirst("^server-", "")
                .replaceFirst("-\\d{4}-\\d{2}-\\d{2}T.*$", "");
        return String.format("  %-4s %-32s %2d ok %2d failed %2d warnings", verdict, scenario, ok, failed, warned);
    }
}
