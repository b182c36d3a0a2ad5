package live.catwalk.core.mcp.domain;

import java.util.Objects;

/** An MCP session id: 16 to 128 visible ASCII characters (0x21 to 0x7E), as the transport requires. */
public record SessionId(String value) {

    public SessionId {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("a session id is 16-128 visible ASCII characters");
        }
    }

    public static boolean isWellFormed(String value) {
        if (value == null || value.length() < 16 || value.length() > 128) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) { // a loop, not a stream: this runs on every request
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
