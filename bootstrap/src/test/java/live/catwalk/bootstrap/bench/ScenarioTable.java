package live.catwalk.bootstrap.bench;

import java.nio.file.Path;
import live.catwalk.bootstrap.testing.ConformanceResults;

/** One line per scenario from the suite's {@code -o} folder: verdict and check counts, warnings included. */
final class ScenarioTable {

    private ScenarioTable() {
    }

    static String of(Path out) {
        return ConformanceResults.table(ConformanceResults.read(out));
    }
}
