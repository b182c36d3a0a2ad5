package live.catwalk.runner;

import java.lang.System.Logger.Level;

/**
 * One generation's stderr: each line, with secrets masked, goes to the channel's ring and to the log at
 * INFO (a server's stderr is its log, not necessarily an error). Very long lines are cut.
 */
final class StderrLines implements LineReader.Sink {

    /** stderr lines are cut to this many bytes; a minified stack trace should not flood the ring. */
    static final int MAX_LINE_BYTES = 8 * 1024;

    private static final System.Logger LOG = System.getLogger("live.catwalk.runner.stderr");

    private final String prefix;
    private final Redactor redactor;
    private final StderrRing ring;

    StderrLines(String prefix, Redactor redactor, StderrRing ring) {
        this.prefix = prefix;
        this.redactor = redactor;
        this.ring = ring;
    }

    @Override
    public void line(String text) {
        if (!text.isBlank()) {
            keep(redactor.redact(text));
        }
    }

    @Override
    public void overlong(String start, long bytes) {
        String whole = start.endsWith("\uFFFD") ? start.substring(0, start.length() - 1) : start; // a cut character
        keep(redactor.redactCut(whole) + " [cut, " + bytes + " bytes]");
    }

    private void keep(String line) {
        ring.add(line);
        LOG.log(Level.INFO, () -> prefix + " " + line);
    }
}
