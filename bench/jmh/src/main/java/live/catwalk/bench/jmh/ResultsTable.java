package live.catwalk.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;

/**
 * Prints JMH's JSON result file ({@code -rf json}) as a markdown table: benchmark (with its parameters), mode,
 * score, error (99.9 %), units and, when the run had {@code -prof gc}, the bytes allocated per operation (which,
 * unlike the time, hardly depends on what else the machine is doing). Usage:
 * {@code java -cp benchmarks.jar live.catwalk.bench.jmh.ResultsTable FILE}.
 */
public final class ResultsTable {

    /** The gc profiler's bytes allocated per operation. */
    private static final String ALLOCATED = "gc.alloc.rate.norm";

    private ResultsTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ResultsTable jmh-result.json");
            System.exit(2);
        }
        JsonNode results = JsonRpc.parse(Files.readAllBytes(Path.of(args[0])));
        boolean gc = false;
        for (JsonNode result : results) {
            gc |= result.path("secondaryMetrics").has(ALLOCATED);
        }
        System.out.println("| benchmark | mode | score | error (99.9 %) | units |" + (gc ? " allocated (B/op) |" : ""));
        System.out.println("|---|---|--:|--:|---|" + (gc ? "--:|" : ""));
        for (JsonNode result : results) {
            JsonNode metric = result.path("primaryMetric");
            System.out.printf("| %s | %s | %s | %s | %s |%s%n", name(result), result.path("mode").asText(),
                    number(metric.path("score")), "± " + number(metric.path("scoreError")),
                    metric.path("scoreUnit").asText(), gc ? " " + number(result.path("secondaryMetrics")
                            .path(ALLOCATED).path("score")) + " |" : "");
        }
    }

    /** {@code ServeBench.toolsCall2025 (sessions=10, answer=INLINE)}: the class, method and parameters. */
    private static String name(JsonNode result) {
        String full = result.path("benchmark").asText();
        String[] parts = full.split("\\.");
        String shortName = parts.length < 2 ? full : parts[parts.length - 2] + "." + parts[parts.length - 1];
        List<String> params = new ArrayList<>();
        result.path("params").properties().forEach(p -> params.add(p.getKey() + "=" + p.getValue().asText()));
        return params.isEmpty() ? shortName : shortName + " (" + String.join(", ", params) + ")";
    }

    private static String number(JsonNode value) {
        double v = value.isNumber() ? value.asDouble() : Double.NaN; // JMH writes "NaN" for a single sample
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double abs = Math.abs(v);
        return String.format(Locale.ROOT, abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f", v);
    }
}
