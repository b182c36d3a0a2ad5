package live.catwalk.runner;

import java.lang.System.Logger.Level;
import java.util.function.BooleanSupplier;
import live.catwalk.core.mcp.domain.StdioEvent;

/**
 * One generation's stdout: every non-blank line becomes a {@link StdioEvent.Line}; over-long ones are dropped.
 * Once the process exited, lines are only queued (never delivered on the reading thread), so that the reader
 * drains the pipe as fast as it can within the supervisor's drain window and no line of the exit is lost.
 */
final class StdoutLines implements LineReader.Sink {

    private static final System.Logger LOG = System.getLogger(StdoutLines.class.getName());

    private final int generation;
    private final String prefix;
    private final int maxLineBytes;
    private final EventDispatcher events;
    private final BooleanSupplier exited;

    StdoutLines(int generation, String prefix, int maxLineBytes, EventDispatcher events, BooleanSupplier exited) {
        this.generation = generation;
        this.prefix = prefix;
        this.maxLineBytes = maxLineBytes;
        this.events = events;
        this.exited = exited;
    }

    @Override
    public void line(String text) throws InterruptedException {
        if (!text.isBlank()) {
            events.line(new StdioEvent.Line(generation, text), !exited.getAsBoolean());
        }
    }

    @Override
    public void overlong(String prefixIgnored, long bytes) {
        LOG.log(Level.WARNING, () -> prefix + " dropped a stdout line of " + bytes + " bytes (the limit is "
                + maxLineBytes + ")");
    }
}
