package live.catwalk.runner;

import java.lang.System.Logger.Level;

/**
 * One generation's stderr: each line, with secrets masked and control characters escaped ({@link StderrText}),
 * goes to the channel's ring and, within the channel's {@link StderrThrottle}, to the log at INFO (a server's
 * stderr is its log, not necessarily an error). Lines are cut at 2 KiB, with a marker; lines over the rate are
 * counted and reported as one "N stderr lines suppressed" line at most once a second.
 */
final class StderrLines implements LineReader.Sink {

    /** stderr lines are cut to this many bytes; a minified stack trace should not flood the ring or the log. */
    static final int MAX_LINE_BYTES = 2 * 1024;
    /** An escaped line is cut to this many characters (escapes make a line longer than its bytes). */
    static final int MAX_LINE_CHARS = 2 * 1024;

    private static final System.Logger LOG = System.getLogger("live.catwalk.runner.stderr");

    private final String prefix;
    private final Redactor redactor;
    private final StderrRing ring;
    private final StderrThrottle throttle;

    StderrLines(String prefix, Redactor redactor, StderrRing ring, StderrThrottle throttle) {
        this.prefix = prefix;
        this.redactor = redactor;
        this.ring = ring;
        this.throttle = throttle;
    }

    @Override
    public void line(String text) {
        if (!text.isBlank()) {
            keep(StderrText.escape(redactor.redact(text), MAX_LINE_CHARS));
        }
    }

    @Override
    public void overlong(String start, long bytes) {
        String whole = start.endsWith("\uFFFD") ? start.substring(0, start.length() - 1) : start; // a cut character
        keep(StderrText.escape(redactor.redactCut(whole), MAX_LINE_CHARS) + " [cut, " + bytes + " bytes]");
    }

    private void keep(String line) {
        ring.add(line);
        StderrThrottle.Decision decision = throttle.offer();
        if (decision.suppressedToReport() > 0) {
            LOG.log(Level.WARNING, () -> prefix + " " + decision.suppressedToReport() + " stderr lines suppressed (over "
                    + StderrThrottle.PER_SECOND + " lines a second); GET /logs of the deployment keeps the latest");
        }
        if (decision.log()) {
            LOG.log(Level.INFO, () -> prefix + " " + line);
        }
    }
}
