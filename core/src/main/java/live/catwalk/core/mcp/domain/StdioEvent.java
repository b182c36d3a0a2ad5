package live.catwalk.core.mcp.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a supervised stdio server reports, in order, from one thread per channel. A generation counts
 * the processes started for one channel: 1 for the first, 2 after the first restart, and so on.
 */
public sealed interface StdioEvent {

    /** A process of this generation is running and reading its stdin. */
    record Started(int generation) implements StdioEvent {
    }

    /** One line the process wrote to stdout, without its line terminator. */
    record Line(int generation, String text) implements StdioEvent {

        public Line {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The process of this generation ended. {@code restartIn} is present when the supervisor will start
     * the next generation after that delay, empty when it will not (closed, or given up). {@code stderr}:
     * the last few lines it wrote to stderr, oldest first, secrets masked (none when it was stopped).
     */
    record Exited(int generation, OptionalInt exitCode, Optional<Duration> restartIn, List<String> stderr)
            implements StdioEvent {

        public Exited {
            Objects.requireNonNull(exitCode, "exitCode");
            Objects.requireNonNull(restartIn, "restartIn");
            stderr = List.copyOf(stderr);
        }

        /** An exit without stderr lines to show. */
        public Exited(int generation, OptionalInt exitCode, Optional<Duration> restartIn) {
            this(generation, exitCode, restartIn, List.of());
        }
    }

    /**
     * Restarts stopped for good (the crash-loop limit was reached); {@code reason} is secret-free.
     * {@code startFailure}: why the last restart could not start a process at all (secret-free), if it could not.
     */
    record GaveUp(String reason, Optional<String> startFailure) implements StdioEvent {

        public GaveUp {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(startFailure, "startFailure");
        }

        /** Given up after processes that started and ended. */
        public GaveUp(String reason) {
            this(reason, Optional.empty());
        }
    }
}
