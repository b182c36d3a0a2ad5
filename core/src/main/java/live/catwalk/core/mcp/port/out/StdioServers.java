package live.catwalk.core.mcp.port.out;

import java.util.function.Consumer;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.mcp.domain.StdioEvent;

/** Starts stdio MCP servers as supervised processes: restarted with backoff when they crash. */
public interface StdioServers {

    /**
     * Starts {@code command} now and keeps it running until the returned channel is closed. Events for
     * the channel go to {@code events} in order, from one thread that must not block. Throws
     * {@code CatwalkException} of kind {@code UPSTREAM_UNAVAILABLE} when the program cannot be started
     * at all (not found, not executable).
     */
    StdioChannel start(ServerCommand command, Consumer<StdioEvent> events);
}
