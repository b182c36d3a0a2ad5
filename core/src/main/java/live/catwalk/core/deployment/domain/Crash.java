package live.catwalk.core.deployment.domain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One end of a deployment's server process that Catwalk did not ask for: its exit code (when known), the last
 * lines it wrote to stderr (secrets already masked; bounded here to {@link #MAX_LINES} lines of at most
 * {@link #MAX_LINE} characters and {@link #MAX_TOTAL} in all, newest kept) and when it is restarted (empty: not).
 */
public record Crash(OptionalInt exitCode, List<String> stderr, Optional<Duration> restartIn) {

    public static final int MAX_LINES = 5;
    public static final int MAX_LINE = 300;
    public static final int MAX_TOTAL = 800;

    public Crash {
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(restartIn, "restartIn");
        stderr = bounded(Objects.requireNonNull(stderr, "stderr"));
    }

    /** For the deployment's timeline, e.g. {@code crashed with exit code 1, restarting in 2 s; stderr: Error: …}. */
    public String describe() {
        String code = exitCode.isPresent() ? " with exit code " + exitCode.getAsInt() : "";
        String then = restartIn.map(d -> ", restarting in " + format(d)).orElse(", not restarted");
        String said = stderr.isEmpty() ? "; it wrote nothing to stderr" : "; last stderr: " + String.join(" | ", stderr);
        return "crashed" + code + then + said;
    }

    /** The newest stderr line, if it wrote any. */
    public Optional<String> lastLine() {
        return stderr.isEmpty() ? Optional.empty() : Optional.of(stderr.getLast());
    }

    /** Cuts a line to {@link #MAX_LINE} characters, marking the cut with an ellipsis. */
    public static String cut(String line) {
        return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE - 1) + "…";
    }

    private static List<String> bounded(List<String> lines) {
        List<String> kept = new ArrayList<>();
        int total = 0;
        for (int i = lines.size() - 1; i >= 0 && kept.size() < MAX_LINES; i--) {
            String line = cut(Objects.requireNonNull(lines.get(i), "stderr line").strip());
            if (line.isEmpty()) {
                continue;
            }
            if (total + line.length() > MAX_TOTAL) {
                break;
            }
            total += line.length();
            kept.addFirst(line);
        }
        return List.copyOf(kept);
    }

    private static String format(Duration delay) {
        long millis = delay.toMillis();
        return millis < 1000 ? millis + " ms" : (millis + 999) / 1000 + " s";
    }
}
