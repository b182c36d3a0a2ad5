package live.catwalk.core.mcp.engine.bridge;

import java.util.ArrayDeque;
import java.util.List;
import live.catwalk.core.deployment.domain.Crash;

/**
 * A bridge's crashes not yet taken for the deployment's timeline (at most {@link #MAX}, older ones dropped: the
 * supervisor gives up after 5 exits a minute anyway), and the stderr lines of the latest. Thread-safe.
 */
final class CrashLog {

    static final int MAX = 10;

    private final ArrayDeque<Crash> untaken = new ArrayDeque<>();
    private List<String> lastStderr = List.of();

    synchronized void add(Crash crash) {
        lastStderr = crash.stderr();
        if (untaken.size() == MAX) {
            untaken.removeFirst();
        }
        untaken.addLast(crash);
    }

    /** The crashes since the last call, oldest first. */
    synchronized List<Crash> take() {
        List<Crash> taken = List.copyOf(untaken);
        untaken.clear();
        return taken;
    }

    /** The latest crash's last stderr lines, oldest first; none before a crash. */
    synchronized List<String> lastStderr() {
        return lastStderr;
    }
}
