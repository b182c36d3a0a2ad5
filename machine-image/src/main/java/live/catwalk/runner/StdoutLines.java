package live.catwalk.runner;

import java.lang.System.Logger.Level;
import live.catwalk.core.mcp.domain.StdioEvent;

/** One generation's stdout: every non-blank line becomes a {@link StdioEvent.Line}; over-long ones are dropped. */
final class StdoutLines implements LineReader.Sink {

    private static final System.Logger LOG = System.getLogger(StdoutLines.class.getName());

    private final int generation;
    private final String prefix;
    private final int maxLineBytes;
    private final EventDispatcher events;

    StdoutLines(int generation, String prefix, int maxLineBytes, EventDispatcher events) {
        this.generation = generation;
        this.prefix = prefix;
        this.maxLineBytes = maxLineBytes;
        this.events = events;
    }

    @Override
    public void line(String text) throws InterruptedException {
        if (!text.isBlank()) {
            events.line(new StdioEvent.Line(generation, text));
        }
    }

    @Override
    public void overlong(String prefixIgnored, long bytes) {
        LOG.log(Level.WARNING, () -> prefix + " dropped a stdout line of " + bytes + " bytes (the limit is "
                + maxLineBytes + ")");
    }
}
