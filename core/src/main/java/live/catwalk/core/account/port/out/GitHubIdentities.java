package live.catwalk.core.account.port.out;

import java.time.Instant;
import java.util.Optional;
import live.catwalk.core.account.domain.GitHubIdentity;
import live.catwalk.core.shared.domain.UserId;

/**
 * Which Catwalk user each GitHub account signs in as: at most one GitHub account per user and one user per GitHub
 * account, matched by the account's numeric id. A user's link goes with the user. Thread-safe.
 */
public interface GitHubIdentities {

    /** The user this GitHub account (by its id) is linked to; empty if none. */
    Optional<UserId> userOf(long githubId);

    /** The GitHub account linked to this user, with the login it last signed in with; empty if none. */
    Optional<GitHubIdentity> of(UserId user);

    /**
     * Links the GitHub account to the user as of {@code at}; CONFLICT if the account or the user is linked already
     * (and nothing changes), NOT_FOUND if there is no such user.
     */
    void link(UserId user, GitHubIdentity identity, Instant at);

    /**
     * Records a sign-in of a linked account at {@code at} with its current login (GitHub logins can be renamed);
     * false, and nothing changes, if the account is not linked.
     */
    boolean signedIn(GitHubIdentity identity, Instant at);
}
