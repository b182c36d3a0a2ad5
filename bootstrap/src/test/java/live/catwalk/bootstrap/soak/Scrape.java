package live.catwalk.bootstrap.soak;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One read of Catwalk's {@code /metrics} (Prometheus text): its MCP request counts by series, and any sample. */
public record Scrape(String text) {

    private static final Pattern REQUESTS = Pattern.compile("(?m)^catwalk_mcp_requests_seconds_count\\{era=\"([^\"]*)\","
            + "method=\"([^\"]*)\",outcome=\"([^\"]*)\"} (\\S+)$");

    /** {@code catwalk_mcp_requests_seconds_count} by (method, era, outcome). */
    public Map<Tally.Key, Long> requests() {
        Map<Tally.Key, Long> out = new TreeMap<>();
        Matcher m = REQUESTS.matcher(text);
        while (m.find()) {
            out.put(new Tally.Key(m.group(2), m.group(1), m.group(3)), (long) Double.parseDouble(m.group(4)));
        }
        return out;
    }

    /** This scrape's request counts minus {@code before}'s, series that did not change left out. */
    public Map<Tally.Key, Long> requestsSince(Scrape before) {
        Map<Tally.Key, Long> earlier = before.requests();
        Map<Tally.Key, Long> out = new TreeMap<>();
        requests().forEach((key, n) -> {
            long delta = n - earlier.getOrDefault(key, 0L);
            if (delta != 0) {
                out.put(key, delta);
            }
        });
        return out;
    }

    /** The value of the one sample of {@code series} (its name and labels as Prometheus writes them), if present. */
    public Optional<Double> sample(String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    /** As {@link #sample}, failing when absent. */
    public double value(String series) {
        return sample(series).orElseThrow(() -> new AssertionError("no sample " + series + " in /metrics"));
    }

    /** Sums by (method, era) of a request map. */
    public static Map<String, Long> byMethodAndEra(Map<Tally.Key, Long> requests) {
        Map<String, Long> out = new HashMap<>();
        requests.forEach((k, n) -> out.merge(k.method() + "/" + k.era(), n, Long::sum));
        return out;
    }
}
