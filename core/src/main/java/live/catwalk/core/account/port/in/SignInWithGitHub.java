package live.catwalk.core.account.port.in;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.Principal;

/**
 * Signing in to Catwalk with a GitHub account. {@link #start} remembers a single-use {@code state} for ten minutes
 * with what the browser does afterwards, and gives GitHub's authorization URL; {@link #finish} takes GitHub's answer,
 * matches the account to a user by its GitHub id (creating one when the sign-up policy admits the account, or linking
 * it to the signed-in user who started), and opens a browser session. The caller must show Catwalk's own consent
 * before starting a flow on behalf of an OAuth client. Secrets never appear in messages.
 */
public interface SignInWithGitHub {

    /** Whether GitHub sign-in is configured. */
    boolean enabled();

    /** The origin {@link #start} sends browsers to ({@code https://github.com/}), for a page's form-action policy. */
    URI site();

    /**
     * Begins a sign-in; {@code linking} is the signed-in caller whose user the GitHub account is to be linked to, if
     * any; {@code after} is what the browser is to do once signed in (opaque here, at most 8 KB). NOT_FOUND when
     * GitHub sign-in is not configured.
     */
    Started start(Optional<Principal> linking, String after);

    /**
     * Ends a sign-in: {@code state} is the one GitHub sent back, {@code browserState} the one the starting browser
     * kept (they must be equal, and the state unused and at most ten minutes old: UNAUTHORIZED otherwise), and
     * {@code code} GitHub's code. FORBIDDEN when the account has no user and may not sign up, or its user is
     * disabled; CONFLICT when linking meets an account or user linked elsewhere; UNAVAILABLE when GitHub fails.
     */
    Finished finish(String state, String browserState, String code);

    /** Where to send the browser (GitHub), and the state it must keep (in a cookie) until it comes back. */
    record Started(URI location, String state) {
        public Started {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public String toString() {
            return "Started[" + location.getHost() + "]";
        }
    }

    /** The session opened, what the browser does next, and whether the user was created by this sign-in. */
    record Finished(BrowserSessions.SignedIn session, String after, boolean created) {
        public Finished {
            Objects.requireNonNull(session, "session");
            Objects.requireNonNull(after, "after");
        }
    }
}
