package live.catwalk.core.deployment.usecase;

/** Outside text quoted in a message: printable ASCII only (anything else as '?'), and at most so long. */
final class Printable {

    private Printable() {
    }

    static String of(String text, int maxChars) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 1);
        for (int i = 0; i < text.length() && out.length() < maxChars; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return text.length() > maxChars ? out.append('…').toString() : out.toString();
    }
}
