package live.catwalk.bootstrap.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the soak's clients sent and saw, counted under the labels {@code /metrics} uses for MCP requests (method,
 * era, outcome), plus the requests whose outcome a client never learnt: {@link #DISCONNECTED} (it hung up first, on
 * purpose), {@link #HUNG} (no answer by the bound) and {@link #BROKEN} (the connection failed without an answer).
 * Also named events (kills, resumes, …), latencies of the quick requests and the problems found. Thread-safe.
 */
public final class Tally {

    public static final String DISCONNECTED = "disconnected";
    public static final String HUNG = "hung";
    public static final String BROKEN = "broken";
    private static final int MAX_PROBLEMS = 50;

    /** A series: an MCP request's method label and era, and its outcome (or one of the three above). */
    public record Key(String method, String era, String outcome) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return method + "/" + era + "/" + outcome;
        }
    }

    private final Map<Key, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> events = new ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Long>> quickNanos = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    private final AtomicInteger problemCount = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> notes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger noteCount = new AtomicInteger();
    private final Map<String, AtomicInteger> noteKinds = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> faults = new ConcurrentLinkedQueue<>();
    private final long born = System.nanoTime();

    /** Catwalk's outcome label for an HTTP status (as its metrics document it). */
    public static String outcome(int status) {
        if (status < 400) {
            return "ok";
        }
        return switch (status) {
            case 401, 403 -> "unauthorized";
            case 429 -> "limited";
            case 502, 503, 504 -> "unavailable";
            default -> status < 500 ? "refused" : "error";
        };
    }

    public void answered(String method, String era, int status) {
        request(new Key(method, era, outcome(status)));
    }

    public void unanswered(String method, String era, String why) {
        request(new Key(method, era, why));
    }

    private void request(Key key) {
        requests.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    /** A quick request's time to its whole answer, on a deployment of session mode {@code mode}. */
    public void latency(String mode, long nanos) {
        quickNanos.computeIfAbsent(mode, m -> new ConcurrentLinkedQueue<>()).add(nanos);
    }

    public void event(String name) {
        events.computeIfAbsent(name, n -> new LongAdder()).increment();
    }

    public long events(String name) {
        LongAdder n = events.get(name);
        return n == null ? 0 : n.sum();
    }

    /** Something no client should have seen; the first 50 are kept word for word. */
    public void problem(String what) {
        if (problemCount.incrementAndGet() <= MAX_PROBLEMS) {
            problems.add(String.format("t+%.1fs %s", (System.nanoTime() - born) / 1e9, what));
        }
    }

    /**
     * Something worth reading in the summary (a slow request, a fault, a sample answer), stamped with its time: at
     * most 3 notes of one {@code kind}, 100 in all.
     */
    public void note(String kind, String what) {
        if (noteKinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet() <= 3
                && noteCount.incrementAndGet() <= MAX_PROBLEMS * 2) {
            notes.add(String.format("t+%.1fs %s", (System.nanoTime() - born) / 1e9, what));
        }
    }

    /** A fault done, for the timeline. */
    public void fault(String what) {
        faults.add(String.format("t+%.1fs %s", (System.nanoTime() - born) / 1e9, what));
    }

    public List<String> faults() {
        return List.copyOf(faults);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    public int problemCount() {
        return problemCount.get();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public Map<Key, Long> requests() {
        Map<Key, Long> out = new TreeMap<>();
        requests.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Requests of {@code method} and {@code era} whatever became of them. */
    public long sent(String method, String era) {
        return requests().entrySet().stream().filter(e -> e.getKey().method().equals(method)
                && e.getKey().era().equals(era)).mapToLong(Map.Entry::getValue).sum();
    }

    public long total(String outcome) {
        return requests().entrySet().stream().filter(e -> e.getKey().outcome().equals(outcome))
                .mapToLong(Map.Entry::getValue).sum();
    }

    public long total() {
        return requests().values().stream().mapToLong(Long::longValue).sum();
    }

    /** The {@code q} quantile (0..1) of the quick requests' latency in {@code mode}, in milliseconds (-1: none). */
    public double quantileMillis(String mode, double q) {
        List<Long> sorted = new ArrayList<>(quickNanos.getOrDefault(mode, new ConcurrentLinkedQueue<>()));
        if (sorted.isEmpty()) {
            return -1;
        }
        sorted.sort(null);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    public int quickCount(String mode) {
        return quickNanos.getOrDefault(mode, new ConcurrentLinkedQueue<>()).size();
    }

    public Map<String, Long> events() {
        Map<String, Long> out = new TreeMap<>();
        events.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
