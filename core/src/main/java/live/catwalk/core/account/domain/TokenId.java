package live.catwalk.core.account.domain;

import java.util.Objects;
import java.util.UUID;

/** The identity of an access token row (not the token's secret). */
public record TokenId(UUID value) {

    public TokenId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
