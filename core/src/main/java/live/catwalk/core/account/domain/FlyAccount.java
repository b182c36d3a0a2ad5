package live.catwalk.core.account.domain;

import java.util.Objects;
import java.util.regex.Pattern;
import live.catwalk.core.credential.domain.SecretValue;

/**
 * A user's own Fly.io account as their settings give it: none (their deployments run where this Catwalk's
 * operator runs them), their own token and app, or settings that cannot be used, with why (secret-free).
 */
public sealed interface FlyAccount {

    /** What a Fly app name is here: lowercase letters, digits and dashes, 1 to 63 characters. */
    Pattern APP_NAME = Pattern.compile("[a-z0-9-]{1,63}");

    /** Whether {@code name} is a Fly app name. */
    static boolean isAppName(String name) {
        return name != null && APP_NAME.matcher(name).matches();
    }

    /** Neither a Fly token nor a Fly app is set. */
    record None() implements FlyAccount {
    }

    /** Both are set: the user's deployments run on Machines of {@code app}, every API call made with {@code token}. */
    record Own(SecretValue token, String app) implements FlyAccount {
        public Own {
            Objects.requireNonNull(token, "token");
            if (!isAppName(app)) {
                throw new IllegalArgumentException("not a Fly app name");
            }
        }
    }

    /**
     * Only one of the two is set, or a stored one is not usable: the user's deployments cannot run (they never
     * fall back to the operator's Fly account); {@code reason} says which setting to fix.
     */
    record Unusable(String reason) implements FlyAccount {
        public Unusable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
