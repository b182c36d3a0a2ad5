package live.catwalk.core.account.port.in;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.Principal;

/**
 * Browser sign-in: a personal token opens a session whose secret goes into an HttpOnly cookie; the session then
 * authenticates its requests until it is signed out, idle for 12 hours, 7 days old, or its token or user is revoked
 * or disabled. Failures are indistinguishable (empty), like {@link Authenticate}'s. Secrets never appear in messages.
 */
public interface BrowserSessions {

    /** A new session: its secret (for the cookie, shown once), its CSRF token, who signed in, and when it ends. */
    record SignedIn(String secret, String csrfToken, Principal principal, Instant expiresAt) {
        public SignedIn {
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(csrfToken, "csrfToken");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        @Override
        public String toString() {
            return "SignedIn[" + principal + ", until " + expiresAt + "]";
        }
    }

    /** Opens a session with a personal token; empty when the token would not authenticate. */
    Optional<SignedIn> signIn(String personalToken);

    /** The caller a session's secret stands for, if the session is live; records its use. */
    Optional<Principal> authenticate(String secret);

    /** Ends the session with this secret (nothing if there is none). */
    void signOut(String secret);
}
