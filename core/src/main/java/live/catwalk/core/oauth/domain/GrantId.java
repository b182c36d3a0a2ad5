package live.catwalk.core.oauth.domain;

import java.util.Objects;
import java.util.UUID;

/** A grant's identity, assigned by Catwalk when the user consents. */
public record GrantId(UUID value) {

    public GrantId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
