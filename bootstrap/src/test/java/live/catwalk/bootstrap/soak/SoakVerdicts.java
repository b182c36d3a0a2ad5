package live.catwalk.bootstrap.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the soak's clients counted against what {@code /metrics} counted over the same period, and the soak's summary.
 * Exact where the clients know: per method and era, Catwalk counts exactly the requests the clients sent in full
 * (answered or hung up on); per outcome it counts at least what the clients saw and at most that plus the requests
 * of that method and era they hung up on (whose outcome only Catwalk knows). No request may count as {@code error}
 * (a 5xx other than 502-504), and every kill of the shared server must show as a restart, none as a give-up.
 */
public final class SoakVerdicts {

    private final Tally tally;
    private final Scrape before;
    private final Scrape after;

    public SoakVerdicts(Tally tally, Scrape before, Scrape after) {
        this.tally = tally;
        this.before = before;
        this.after = after;
    }

    /** Fails listing every disagreement between the clients' counts and the metrics'. */
    public void assertMetricsAgree() {
        assertEquals(List.of(), disagreements(), "/metrics against the clients' counts");
    }

    List<String> disagreements() {
        Map<Tally.Key, Long> counted = after.requestsSince(before);
        Map<Tally.Key, Long> seen = tally.requests();
        List<String> out = new ArrayList<>();
        Set<String> pairs = new TreeSet<>();
        counted.keySet().forEach(k -> pairs.add(k.method() + "/" + k.era()));
        seen.keySet().forEach(k -> pairs.add(k.method() + "/" + k.era()));
        for (String pair : pairs) {
            long sent = sum(seen, pair, null) - sum(seen, pair, Tally.HUNG) - sum(seen, pair, Tally.BROKEN);
            long metrics = sum(counted, pair, null);
            if (sent != metrics) {
                out.add(pair + ": the clients sent " + sent + " in full, /metrics counts " + metrics);
            }
            long disconnected = sum(seen, pair, Tally.DISCONNECTED);
            Set<String> outcomes = new TreeSet<>();
            counted.keySet().stream().filter(k -> pair.equals(k.method() + "/" + k.era()))
                    .forEach(k -> outcomes.add(k.outcome()));
            seen.keySet().stream().filter(k -> pair.equals(k.method() + "/" + k.era()))
                    .filter(k -> !Set.of(Tally.DISCONNECTED, Tally.HUNG, Tally.BROKEN).contains(k.outcome()))
                    .forEach(k -> outcomes.add(k.outcome()));
            for (String outcome : outcomes) {
                long saw = sum(seen, pair, outcome);
                long n = sum(counted, pair, outcome);
                if (n < saw || n > saw + disconnected) {
                    out.add(pair + "/" + outcome + ": the clients saw " + saw + " (and hung up on " + disconnected
                            + "), /metrics counts " + n);
                }
            }
        }
        long errors = counted.entrySet().stream().filter(e -> e.getKey().outcome().equals("error"))
                .mapToLong(Map.Entry::getValue).sum();
        if (errors != 0) {
            out.add(errors + " requests counted as error (5xx): " + counted);
        }
        double restarts = delta("catwalk_server_restarts_total");
        if (restarts < tally.events("kills of the shared server")) {
            out.add("restarts +" + restarts + " for " + tally.events("kills of the shared server")
                    + " kills of the shared server");
        }
        if (delta("catwalk_server_give_ups_total") != 0) {
            out.add("give-ups +" + delta("catwalk_server_give_ups_total"));
        }
        return out;
    }

    /** The summary lines: requests by era and outcome, faults, latency, events, and what /metrics counted. */
    public List<String> summary() {
        Map<String, Map<String, Long>> byEra = new TreeMap<>();
        tally.requests().forEach((k, n) -> byEra.computeIfAbsent(k.era(), e -> new TreeMap<>())
                .merge(k.outcome(), n, Long::sum));
        List<String> lines = new ArrayList<>();
        lines.add("requests: " + tally.total() + " sent; by era and outcome " + byEra);
        lines.add("faults: " + tally.events("kills of the shared server") + " kills of the shared server, "
                + tally.events("kills of isolated servers") + " of isolated ones; " + tally.events("database drops")
                + " database drops (" + tally.events("database connections dropped") + " connections)");
        for (String mode : List.of("shared", "isolated")) {
            lines.add(String.format("quick requests (initialize, discover, echo) to the %s deployment: %d, p50 %.1f ms,"
                    + " p99 %.1f ms", mode, tally.quickCount(mode), tally.quantileMillis(mode, 0.5),
                    tally.quantileMillis(mode, 0.99)));
        }
        lines.add("events: " + tally.events());
        lines.add("faults timeline: " + String.join(", ", tally.faults()));
        Map<Tally.Key, Long> counted = after.requestsSince(before);
        lines.add("/metrics: " + counted.values().stream().mapToLong(Long::longValue).sum() + " MCP requests counted, "
                + "restarts +" + (long) delta("catwalk_server_restarts_total") + ", give-ups +"
                + (long) delta("catwalk_server_give_ups_total") + "; by series " + counted);
        List<String> disagreements = disagreements();
        lines.add("metrics vs clients: " + (disagreements.isEmpty() ? "agree" : disagreements));
        tally.notes().forEach(n -> lines.add("  " + n));
        if (tally.problemCount() > 0) {
            lines.add(tally.problemCount() + " problems, the first: " + tally.problems());
        }
        return lines;
    }

    private double delta(String series) {
        return after.sample(series).orElse(0.0) - before.sample(series).orElse(0.0);
    }

    private static long sum(Map<Tally.Key, Long> counts, String pair, String outcome) {
        return counts.entrySet().stream().filter(e -> pair.equals(e.getKey().method() + "/" + e.getKey().era()))
                .filter(e -> outcome == null || e.getKey().outcome().equals(outcome))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
