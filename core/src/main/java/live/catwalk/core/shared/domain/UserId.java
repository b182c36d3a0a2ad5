package live.catwalk.core.shared.domain;

import java.util.Objects;
import java.util.UUID;

/** A user's identity: a UUID, assigned by Catwalk when the user is created. */
public record UserId(UUID value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    /** Parses the canonical text form; throws {@link IllegalArgumentException} for anything else. */
    public static UserId parse(String text) {
        return new UserId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
