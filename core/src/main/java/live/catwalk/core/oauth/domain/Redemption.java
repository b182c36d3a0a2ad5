package live.catwalk.core.oauth.domain;

import java.util.Objects;

/** What redeeming an authorization code found; only {@link Redeemed} lets the caller issue tokens. */
public sealed interface Redemption {

    /** The code was unused and unexpired, and is now marked used (as returned). */
    record Redeemed(AuthorizationCode code) implements Redemption {
        public Redeemed {
            Objects.requireNonNull(code, "code");
        }
    }

    /** The code was redeemed before (as returned, with that first use): revoke what it produced. */
    record Replayed(AuthorizationCode code) implements Redemption {
        public Replayed {
            Objects.requireNonNull(code, "code");
        }
    }

    /** The code is unused but past its lifetime; it stays unused. */
    record Expired(AuthorizationCode code) implements Redemption {
        public Expired {
            Objects.requireNonNull(code, "code");
        }
    }

    /** No such code: never issued, pruned, or its grant was revoked or removed. */
    record Unknown() implements Redemption {
    }
}
