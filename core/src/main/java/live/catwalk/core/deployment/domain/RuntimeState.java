package live.catwalk.core.deployment.domain;

import java.util.Objects;

/** What a runtime reports about one deployment's server right now. */
public sealed interface RuntimeState {

    /** The runtime is not running this deployment (never started, stopped, or forgotten after a restart). */
    record Absent() implements RuntimeState {
    }

    /** Started and getting ready (process starting, MCP initialize in progress, or restarting after a crash). */
    record Starting(String detail) implements RuntimeState {
        public Starting {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Ready to serve MCP requests. */
    record Running() implements RuntimeState {
    }

    /** Suspended while idle, its memory kept; the next MCP request to it resumes it. */
    record Suspended() implements RuntimeState {
    }

    /** Gave up (crash-loop limit reached, program not found); {@code reason} is secret-free. */
    record Failed(String reason) implements RuntimeState {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
