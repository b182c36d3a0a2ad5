package live.catwalk.core.account.port.out;

import java.net.URI;
import java.util.Objects;
import java.util.Set;
import live.catwalk.core.account.domain.GitHubIdentity;

/**
 * GitHub as the OAuth provider people sign in to Catwalk with (Catwalk is an OAuth app there, with a static client
 * id). The GitHub access token a sign-in yields is used inside {@link #signedIn} and dropped: it is never returned,
 * stored or logged.
 */
public interface GitHubAccounts {

    /** Whether Catwalk has a GitHub client id and secret to sign people in with. */
    boolean configured();

    /** The origin of GitHub's pages ({@code https://github.com/}), where {@link #authorizationUrl} sends browsers. */
    URI site();

    /**
     * GitHub's authorization page for Catwalk's app, which sends the browser back to {@code redirectUri} with a code
     * and this {@code state}; it asks for the {@code read:org} scope only when {@code organisations} is true.
     */
    URI authorizationUrl(String state, URI redirectUri, boolean organisations);

    /**
     * The account that signed in: exchanges the {@code code} GitHub sent to {@code redirectUri} and reads the account
     * (and, when {@code organisations} is true, the logins of the organisations it is a member of). UNAUTHORIZED if
     * GitHub refuses the code (expired, used, or for another app); UNAVAILABLE if GitHub cannot be reached or answers
     * unexpectedly.
     */
    SignedIn signedIn(String code, URI redirectUri, boolean organisations);

    /** Who signed in at GitHub, and the organisations they belong to (empty unless asked for). */
    record SignedIn(GitHubIdentity identity, Set<String> organisations) {
        public SignedIn {
            Objects.requireNonNull(identity, "identity");
            organisations = Set.copyOf(organisations);
        }
    }
}
