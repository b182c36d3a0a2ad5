package live.catwalk.core.shared.port.out;

import live.catwalk.core.shared.domain.TelemetryEvent;

/**
 * Where Catwalk reports what its operators watch (MCP requests, server restarts, OAuth tokens, refusals), one event
 * as it happens; an adapter counts them, so core names no metrics library. Every label an event carries comes from
 * a closed set, never from a deployment, user, token or path. Implementations are thread-safe, cheap (this is on the
 * MCP hot path) and never throw. {@link #NONE} drops everything.
 */
@FunctionalInterface
public interface Telemetry {

    /** Reports nothing; its {@link #monotonicNanos} is always 0. */
    Telemetry NONE = event -> { };

    /** Counts one event. */
    void record(TelemetryEvent event);

    /**
     * A monotonic time in nanoseconds from an arbitrary origin, only for measuring how long something took with the
     * same source the implementation times with (core reads no clock of its own); 0 when nothing is measured.
     */
    default long monotonicNanos() {
        return 0;
    }
}
