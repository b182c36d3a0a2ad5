package live.catwalk.runner;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The most recent stderr lines of a channel, bounded by line count and by total characters; the oldest
 * lines go first. Thread-safe.
 */
final class StderrRing {

    private final int maxLines;
    private final long maxChars;
    private final ArrayDeque<String> lines = new ArrayDeque<>();
    private long chars;
    private long added;

    StderrRing(int maxLines, long maxChars) {
        this.maxLines = maxLines;
        this.maxChars = maxChars;
    }

    synchronized void add(String line) {
        String kept = line.length() > maxChars ? line.substring(0, (int) maxChars) : line;
        lines.addLast(kept);
        added++;
        chars += kept.length();
        while (lines.size() > maxLines || chars > maxChars) {
            chars -= lines.removeFirst().length();
        }
    }

    /** How many lines were ever added (also those dropped since). */
    synchronized long added() {
        return added;
    }

    /** Up to {@code max} of the newest lines added after the {@code since}-th one ({@link #added}), oldest first. */
    synchronized List<String> lastSince(int max, long since) {
        return last((int) Math.max(0, Math.min(max, added - since)));
    }

    /** Up to {@code max} of the newest lines, oldest first. */
    synchronized List<String> last(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative: " + max);
        }
        int n = Math.min(max, lines.size());
        List<String> newestFirst = new ArrayList<>(n);
        Iterator<String> it = lines.descendingIterator();
        while (newestFirst.size() < n) {
            newestFirst.add(it.next());
        }
        return List.copyOf(newestFirst.reversed());
    }
}
