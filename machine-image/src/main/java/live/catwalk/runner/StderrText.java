package live.catwalk.runner;

/**
 * A child's stderr line made safe for a log and a terminal: every control character is shown as a visible
 * escape ({@code \r}, {@code \x1b}, {@code \x7f}, C1 as {@code \u009b}), as are Unicode line separators and
 * bidirectional overrides, so a line can neither forge another line nor drive the operator's terminal.
 * Tab stays (stack traces indent with it). The result is cut at a bound, with a marker.
 */
final class StderrText {

    static final String CUT = " [cut]";

    private StderrText() {
    }

    /** {@code text} escaped, at most {@code maxChars} characters plus {@link #CUT} if it had to be cut. */
    static String escape(String text, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String shown = shown(c);
            if (out.length() + (shown == null ? 1 : shown.length()) > maxChars) {
                return out.append(CUT).toString();
            }
            if (shown == null) {
                out.append(c);
            } else {
                out.append(shown);
            }
        }
        return out.toString();
    }

    /** The escape for {@code c}, or null if it is shown as itself. */
    private static String shown(char c) {
        if (c == '\t' || c >= 0x20 && c < 0x7f) {
            return null;
        }
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            default -> c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c)
                    : isInvisibleControl(c) ? String.format("\\u%04x", (int) c) : null;
        };
    }

    /** C1 controls, line and paragraph separators, and the bidirectional formatting characters. */
    private static boolean isInvisibleControl(char c) {
        return c >= 0x80 && c <= 0x9f || c == 0x2028 || c == 0x2029 || c >= 0x200e && c <= 0x200f
                || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069 || c == 0x061c || c == 0xfeff;
    }
}
