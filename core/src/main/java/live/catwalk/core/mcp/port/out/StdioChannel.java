package live.catwalk.core.mcp.port.out;

import java.util.List;

/**
 * A line-oriented duplex to one supervised stdio MCP server, kept across the server's restarts until
 * closed. Thread-safe.
 */
public interface StdioChannel extends AutoCloseable {

    /**
     * Hands one JSON-RPC message (a single line, no line terminator) to the running process's stdin,
     * without blocking indefinitely. Throws {@code CatwalkException} of kind {@code UPSTREAM_UNAVAILABLE}
     * when no process is running, and {@code LIMIT_EXCEEDED} when the process is not reading its input.
     */
    void send(String line);

    /** Whether a process is running now. */
    boolean isRunning();

    /** Up to {@code max} of the most recent stderr lines, oldest first, with secret values redacted. */
    List<String> recentStderr(int max);

    /**
     * Stops supervising and ends the whole process tree (stdin closed, then SIGTERM, then SIGKILL to
     * every descendant); returns when no process of the tree is left or the stop timeout passed.
     * Idempotent.
     */
    @Override
    void close();
}
