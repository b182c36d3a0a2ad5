package live.catwalk.core.credential.domain;

import java.util.Objects;

/**
 * A secret in plaintext, held only in memory and only as long as needed; its {@code toString} never
 * shows it, so it cannot leak through a log line or an exception message by accident.
 */
public record SecretValue(String reveal) {

    /** The largest secret Catwalk stores: 32 KiB of text. */
    public static final int MAX_LENGTH = 32 * 1024;

    public SecretValue {
        Objects.requireNonNull(reveal, "reveal");
        if (reveal.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a secret is at most " + MAX_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "SecretValue[redacted]";
    }
}
