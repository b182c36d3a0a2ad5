package live.catwalk.adapters.rest.runner;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a runner on a machine reports about the one server it runs, for {@link RunnerResource}: its status now and
 * the tail of its stderr (secrets redacted). Thread-safe.
 */
public interface RunnerReport {

    Status status();

    /** Up to {@code lines} (1 to {@value RunnerResource#MAX_LINES}) of the server's latest stderr lines, oldest first. */
    List<String> logs(int lines);

    /**
     * Whether the server is up and serving; how often it was restarted after exiting on its own and its last such
     * exit (code, when); how long the runner has run; its live MCP sessions; the MCP exchanges in flight (open
     * streams included) and for how many seconds there has been none (0 while one is in flight).
     */
    record Status(boolean alive, int restarts, Optional<Exit> lastExit, long uptimeSeconds, int sessions,
                  int inFlight, long idleSeconds) {

        public Status {
            Objects.requireNonNull(lastExit, "lastExit");
        }
    }

    /** An exit the runner did not ask for: the exit code ({@code -1} when the process reported none) and when. */
    record Exit(int code, Instant at) {

        public Exit {
            Objects.requireNonNull(at, "at");
        }
    }
}
