package live.catwalk.core.shared.port.out;

import java.util.UUID;

/** Where identities and token secrets come from: a CSPRNG in production, a predictable one in tests. Thread-safe. */
public interface Randomness {

    /** A new random identity. */
    UUID uuid();

    /** A new secret of at least 192 random bits as 32 or more letters and digits (no separators). */
    String secret();
}
