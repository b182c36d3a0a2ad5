package live.catwalk.adapters.persistence;

import static live.catwalk.adapters.persistence.jooq.Tables.GITHUB_IDENTITIES;

import java.time.Instant;
import java.util.Optional;
import live.catwalk.core.account.domain.GitHubIdentity;
import live.catwalk.core.account.port.out.GitHubIdentities;
import live.catwalk.core.shared.domain.UserId;
import org.jooq.DSLContext;

/**
 * The {@code github_identities} table: its primary key (the GitHub id) and its unique user make a second link
 * a CONFLICT, its foreign key makes an unknown user NOT_FOUND and takes a user's link with the user.
 */
final class JooqGitHubIdentities implements GitHubIdentities {

    private final DSLContext dsl;

    JooqGitHubIdentities(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<UserId> userOf(long githubId) {
        return Failures.read(() -> dsl.select(GITHUB_IDENTITIES.USER_ID).from(GITHUB_IDENTITIES)
                .where(GITHUB_IDENTITIES.GITHUB_ID.eq(githubId))
                .fetchOptional(GITHUB_IDENTITIES.USER_ID).map(UserId::new));
    }

    @Override
    public Optional<GitHubIdentity> of(UserId user) {
        return Failures.read(() -> dsl.selectFrom(GITHUB_IDENTITIES)
                .where(GITHUB_IDENTITIES.USER_ID.eq(user.value()))
                .fetchOptional()
                .map(row -> new GitHubIdentity(row.getGithubId(), row.getLogin())));
    }

    @Override
    public void link(UserId user, GitHubIdentity identity, Instant at) {
        Failures.run("This GitHub account or this user is linked already.", "No user " + user + ".",
                () -> dsl.insertInto(GITHUB_IDENTITIES)
                        .set(GITHUB_IDENTITIES.GITHUB_ID, identity.id())
                        .set(GITHUB_IDENTITIES.USER_ID, user.value())
                        .set(GITHUB_IDENTITIES.LOGIN, identity.login())
                        .set(GITHUB_IDENTITIES.LINKED_AT, Times.toDb(at))
                        .execute());
    }

    @Override
    public boolean signedIn(GitHubIdentity identity, Instant at) {
        return Failures.guard(() -> dsl.update(GITHUB_IDENTITIES)
                .set(GITHUB_IDENTITIES.LOGIN, identity.login())
                .set(GITHUB_IDENTITIES.LAST_SIGN_IN_AT, Times.toDb(at))
                .where(GITHUB_IDENTITIES.GITHUB_ID.eq(identity.id()))
                .execute() == 1);
    }
}
