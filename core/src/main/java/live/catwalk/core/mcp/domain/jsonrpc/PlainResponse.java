package live.catwalk.core.mcp.domain.jsonrpc;

/**
 * A stdio server's line that is a plain JSON-RPC 2.0 response with an integer id, found by one strict scan
 * instead of a parse: it can be re-addressed by splicing another id into the text, which passes through
 * otherwise byte for byte. {@link #scan} answers null for anything else (or anything it is unsure about),
 * and the caller then parses the line as usual.
 *
 * @param text    the whole line
 * @param id      the integer id
 * @param idStart where the id's text starts
 * @param idEnd   where it ends (exclusive)
 */
public record PlainResponse(String text, long id, int idStart, int idEnd) {

    private static final int MAX_ID_DIGITS = 18; // always fits a long

    /** The line with {@code idJson} (a JSON value) in place of its id. */
    public String withId(String idJson) {
        return text.substring(0, idStart) + idJson + text.substring(idEnd);
    }

    /** The response {@code line} holds, or null when it is anything else or not sure to be valid JSON. */
    public static PlainResponse scan(String line) {
        try {
            return new Scanner(line).response();
        } catch (NotPlain e) {
            return null;
        }
    }

    private static final class NotPlain extends Exception {
        private static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }

    /** A strict JSON scanner (RFC 8259): it validates every value it skips. */
    private static final class Scanner {

        private final String s;
        private int i;

        Scanner(String s) {
            this.s = s;
        }

        PlainResponse response() throws NotPlain {
            int n = s.length();
            if (n < 2 || s.charAt(0) != '{' || s.charAt(n - 1) != '}') {
                throw NotPlain.INSTANCE;
            }
            i = 1;
            boolean version = false;
            boolean outcome = false;
            int idStart = -1;
            int idEnd = -1;
            skipSpace();
            if (peek() == '}') {
                throw NotPlain.INSTANCE;
            }
            while (true) {
                int keyStart = i;
                skipString();
                String key = s.substring(keyStart + 1, i - 1);
                skipSpace();
                expect(':');
                skipSpace();
                int valueStart = i;
                skipValue(2); // inside the top-level object
                switch (key) {
                    case "jsonrpc" -> {
                        if (version || !s.startsWith("\"2.0\"", valueStart) || i != valueStart + 5) {
                            throw NotPlain.INSTANCE;
                        }
                        version = true;
                    }
                    case "id" -> {
                        if (idStart >= 0 || !integer(valueStart, i)) {
                            throw NotPlain.INSTANCE;
                        }
                        idStart = valueStart;
                        idEnd = i;
                    }
                    case "result", "error" -> {
                        if (outcome) {
                            throw NotPlain.INSTANCE;
                        }
                        outcome = true;
                    }
                    default -> {
                        if (key.equals("method") || key.indexOf('\\') >= 0) {
                            throw NotPlain.INSTANCE;
                        }
                    }
                }
                skipSpace();
                if (peek() == ',') {
                    i++;
                    skipSpace();
                } else {
                    expect('}');
                    break;
                }
            }
            if (i != n || !version || !outcome || idStart < 0) {
                throw NotPlain.INSTANCE;
            }
            return new PlainResponse(s, Long.parseLong(s, idStart, idEnd, 10), idStart, idEnd);
        }

        private boolean integer(int from, int to) {
            int start = s.charAt(from) == '-' ? from + 1 : from;
            if (to - start < 1 || to - start > MAX_ID_DIGITS) {
                return false;
            }
            for (int k = start; k < to; k++) {
                if (s.charAt(k) < '0' || s.charAt(k) > '9') {
                    return false;
                }
            }
            return true;
        }

        private char peek() throws NotPlain {
            if (i >= s.length()) {
                throw NotPlain.INSTANCE;
            }
            return s.charAt(i);
        }

        private void expect(char c) throws NotPlain {
            if (peek() != c) {
                throw NotPlain.INSTANCE;
            }
            i++;
        }

        /** Spaces and tabs only: a line holding a CR goes to the parser, whose output is one clean line. */
        private void skipSpace() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c != ' ' && c != '\t') {
                    return;
                }
                i++;
            }
        }

        private void skipValue(int depth) throws NotPlain {
            if (depth > JsonRpc.MAX_NESTING_DEPTH) {
                throw NotPlain.INSTANCE;
            }
            char c = peek();
            switch (c) {
                case '"' -> skipString();
                case '{' -> skipContainer('}', depth, true);
                case '[' -> skipContainer(']', depth, false);
                case 't' -> skipWord("true");
                case 'f' -> skipWord("false");
                case 'n' -> skipWord("null");
                default -> skipNumber();
            }
        }

        private void skipContainer(char close, int depth, boolean object) throws NotPlain {
            i++;
            skipSpace();
            if (peek() == close) {
                i++;
                return;
            }
            while (true) {
                if (object) {
                    skipString();
                    skipSpace();
                    expect(':');
                    skipSpace();
                }
                skipValue(depth + 1);
                skipSpace();
                if (peek() == ',') {
                    i++;
                    skipSpace();
                } else {
                    expect(close);
                    return;
                }
            }
        }

        private void skipWord(String word) throws NotPlain {
            if (!s.startsWith(word, i)) {
                throw NotPlain.INSTANCE;
            }
            i += word.length();
        }

        private void skipString() throws NotPlain {
            expect('"');
            while (true) {
                char c = peek();
                i++;
                if (c == '"') {
                    return;
                }
                if (c < 0x20) {
                    throw NotPlain.INSTANCE;
                }
                if (c == '\\') {
                    char e = peek();
                    i++;
                    if (e == 'u') {
                        for (int k = 0; k < 4; k++) {
                            char h = peek();
                            if (!(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F')) {
                                throw NotPlain.INSTANCE;
                            }
                            i++;
                        }
                    } else if ("\"\\/bfnrt".indexOf(e) < 0) {
                        throw NotPlain.INSTANCE;
                    }
                }
            }
        }

        private void skipNumber() throws NotPlain {
            if (peek() == '-') {
                i++;
            }
            if (peek() == '0') {
                i++;
            } else {
                digits();
            }
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                digits();
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (peek() == '+' || peek() == '-') {
                    i++;
                }
                digits();
            }
        }

        private void digits() throws NotPlain {
            int start = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == start) {
                throw NotPlain.INSTANCE;
            }
        }
    }
}
