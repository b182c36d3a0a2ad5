package live.catwalk.core.oauth.domain;

import java.util.Objects;

/** What presenting a refresh token found; only {@link Rotated} lets the caller issue new tokens. */
public sealed interface Rotation {

    /** The refresh token was live, unexpired and unused, and is now marked used (as returned). */
    record Rotated(OAuthToken token) implements Rotation {
        public Rotated {
            Objects.requireNonNull(token, "token");
        }
    }

    /** The refresh token was used before (as returned): a reuse, so the caller revokes its grant. */
    record Reused(OAuthToken token) implements Rotation {
        public Reused {
            Objects.requireNonNull(token, "token");
        }
    }

    /** The refresh token is unused and unrevoked but past its lifetime. */
    record Expired(OAuthToken token) implements Rotation {
        public Expired {
            Objects.requireNonNull(token, "token");
        }
    }

    /** The refresh token was revoked (by itself or with its grant); takes precedence over a reuse. */
    record Revoked(OAuthToken token) implements Rotation {
        public Revoked {
            Objects.requireNonNull(token, "token");
        }
    }

    /** No refresh token has this hash (an access token's hash is unknown here too). */
    record Unknown() implements Rotation {
    }
}
