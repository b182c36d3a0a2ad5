package live.catwalk.adapters.rest.api;

import java.util.UUID;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.CatwalkException;

/** Path and query parameters as core's values; a malformed id is simply not found. */
final class Params {

    private Params() {
    }

    static DeploymentId deploymentId(String raw) {
        try {
            return new DeploymentId(raw);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw CatwalkException.notFound("No such deployment.");
        }
    }

    static TokenId tokenId(String raw) {
        try {
            return new TokenId(UUID.fromString(raw));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw CatwalkException.notFound("No such token.");
        }
    }

    static UserId userId(String raw) {
        try {
            return new UserId(UUID.fromString(raw));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw CatwalkException.notFound("No such user.");
        }
    }

    /** An optional integer query parameter in {@code [min, max]}; INVALID_INPUT naming it otherwise. */
    static int intParam(String name, String raw, int defaultValue, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below like an out-of-range value
        }
        String range = max == Integer.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
        throw CatwalkException.invalidInput(name, "Query parameter '" + name + "' must be a whole number " + range
                + ".", "Leave it out for " + defaultValue + ".");
    }
}
