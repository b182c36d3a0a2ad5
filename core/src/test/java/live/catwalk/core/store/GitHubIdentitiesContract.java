package live.catwalk.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import live.catwalk.core.account.domain.GitHubIdentity;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@code GitHubIdentities} does (a user cannot be deleted through the ports, so no cascade here). */
public abstract class GitHubIdentitiesContract extends StoreContract {

    private static final GitHubIdentity OCTOCAT = new GitHubIdentity(583_231, "octocat");
    private static final GitHubIdentity HUBOT = new GitHubIdentity(480_938, "hubot");

    private User ann;
    private User bob;

    @BeforeEach
    protected final void givenTwoUsers() {
        ann = givenUser("ann");
        bob = givenUser("bob");
    }

    @Test
    void findsALinkByTheAccountsIdAndByTheUser() {
        stores.githubIdentities().link(ann.id(), OCTOCAT, fixtures.next());

        assertEquals(Optional.of(ann.id()), stores.githubIdentities().userOf(OCTOCAT.id()));
        assertEquals(Optional.of(OCTOCAT), stores.githubIdentities().of(ann.id()));
    }

    @Test
    void keepsTheLinksOfTwoUsersApart() {
        stores.githubIdentities().link(ann.id(), OCTOCAT, fixtures.next());
        stores.githubIdentities().link(bob.id(), HUBOT, fixtures.next());

        assertEquals(Optional.of(ann.id()), stores.githubIdentities().userOf(OCTOCAT.id()));
        assertEquals(Optional.of(bob.id()), stores.githubIdentities().userOf(HUBOT.id()));
        assertEquals(Optional.of(OCTOCAT), stores.githubIdentities().of(ann.id()));
        assertEquals(Optional.of(HUBOT), stores.githubIdentities().of(bob.id()));
    }

    @Test
    void keepsTheLargestIdAndALoginOfAHundredCharacters() {
        GitHubIdentity longest = new GitHubIdentity(Long.MAX_VALUE, "a" + "b-_.9".repeat(19) + "Zzzz");

        stores.githubIdentities().link(ann.id(), longest, fixtures.next());

        assertEquals(100, longest.login().length());
        assertEquals(Optional.of(ann.id()), stores.githubIdentities().userOf(Long.MAX_VALUE));
        assertEquals(Optional.of(longest), stores.githubIdentities().of(ann.id()));
    }

    @Test
    void findsNothingForAnUnknownAccountOrAnUnlinkedUser() {
        stores.githubIdentities().link(ann.id(), OCTOCAT, fixtures.next());

        assertEquals(Optional.empty(), stores.githubIdentities().userOf(HUBOT.id()));
        assertEquals(Optional.empty(), stores.githubIdentities().of(bob.id()));
        assertEquals(Optional.empty(), stores.githubIdentities().of(fixtures.user("ghost").id()));
    }

    @Test
    void refusesAnAccountLinkedAlreadyAsConflictAndKeepsTheFirstLink() {
        stores.githubIdentities().link(ann.id(), OCTOCAT, fixtures.next());

        assertFailsWith(Kind.CONFLICT, () -> stores.githubIdentities()
                .link(bob.id(), new GitHubIdentity(OCTOCAT.id(), "renamed"), fixtures.next()));

        assertEquals(Optional.of(ann.id()), stores.githubIdentities().userOf(OCTOCAT.id()));
        assertEquals(Optional.of(OCTOCAT), stores.githubIdentities().of(ann.id()));
        assertEquals(Optional.empty(), stores.githubIdentities().of(bob.id()));
    }

    @Test
    void refusesAUserLinkedAlreadyAsConflictAndKeepsTheFirstLink() {
        stores.githubIdentities().link(ann.id(), OCTOCAT, fixtures.next());

        assertFailsWith(Kind.CONFLICT, () -> stores.githubIdentities().link(ann.id(), HUBOT, fixtures.next()));

        assertEquals(Optional.of(OCTOCAT), stores.githubIdentities().of(ann.id()));
        assertEquals(Optional.empty(), stores.githubIdentities().userOf(HUBOT.id()));
        assertEquals(Optional.of(ann.id()), stores.githubIdentities().userOf(OCTOCAT.id()));
    }

    @Test
    void refusesALinkToAnUnknownUserAsNotFound() {
        User ghost = fixtures.user("ghost");

        assertFailsWith(Kind.NOT_FOUND, () -> stores.githubIdentities().link(ghost.id(), OCTOCAT, fixtures.next()));

        assertEquals(Optional.empty(), stores.githubIdentities().userOf(OCTOCAT.id()));
        assertEquals(Optional.empty(), stores.githubIdentities().of(ghost.id()));
        stores.githubIdentities().link(ann.id(), OCTOCAT, fixtures.next());
        assertEquals(Optional.of(ann.id()), stores.githubIdentities().userOf(OCTOCAT.id()));
    }

    @Test
    void aSignInRecordsTheAccountsCurrentLogin() {
        stores.githubIdentities().link(ann.id(), OCTOCAT, fixtures.next());
        stores.githubIdentities().link(bob.id(), HUBOT, fixtures.next());
        GitHubIdentity renamed = new GitHubIdentity(OCTOCAT.id(), "the-octocat");

        assertTrue(stores.githubIdentities().signedIn(renamed, fixtures.next()));

        assertEquals(Optional.of(renamed), stores.githubIdentities().of(ann.id()));
        assertEquals(Optional.of(ann.id()), stores.githubIdentities().userOf(OCTOCAT.id()));
        assertEquals(Optional.of(HUBOT), stores.githubIdentities().of(bob.id()));
        assertTrue(stores.githubIdentities().signedIn(renamed, fixtures.next()));
        assertEquals(Optional.of(renamed), stores.githubIdentities().of(ann.id()));
    }

    @Test
    void aSignInOfAnUnlinkedAccountIsFalseAndLinksNothing() {
        stores.githubIdentities().link(ann.id(), OCTOCAT, fixtures.next());

        assertFalse(stores.githubIdentities().signedIn(HUBOT, fixtures.next()));
        assertFalse(stores.githubIdentities().signedIn(new GitHubIdentity(HUBOT.id(), "octocat"), fixtures.next()));

        assertEquals(Optional.empty(), stores.githubIdentities().userOf(HUBOT.id()));
        assertEquals(Optional.of(OCTOCAT), stores.githubIdentities().of(ann.id()));
        assertEquals(Optional.empty(), stores.githubIdentities().of(bob.id()));
    }

    @Test
    void aLoginIsNoKeyAsAFreedLoginMayBeTakenByAnotherAccount() {
        stores.githubIdentities().link(ann.id(), OCTOCAT, fixtures.next());
        GitHubIdentity newcomer = new GitHubIdentity(HUBOT.id(), OCTOCAT.login());

        stores.githubIdentities().link(bob.id(), newcomer, fixtures.next());

        assertEquals(Optional.of(OCTOCAT), stores.githubIdentities().of(ann.id()));
        assertEquals(Optional.of(newcomer), stores.githubIdentities().of(bob.id()));
        assertEquals(Optional.of(bob.id()), stores.githubIdentities().userOf(HUBOT.id()));
    }

    @Test
    void linksOneAccountToOneOfTwoUsersLinkingItAtOnce() {
        List<Optional<Throwable>> outcomes = Race.run(List.<Runnable>of(
                () -> stores.githubIdentities().link(ann.id(), OCTOCAT, StoreFixtures.at(100)),
                () -> stores.githubIdentities().link(bob.id(), OCTOCAT, StoreFixtures.at(100))));

        assertEquals(1, outcomes.stream().filter(Optional::isEmpty).count(), outcomes::toString);
        Throwable lost = outcomes.stream().flatMap(Optional::stream).findFirst().orElseThrow();
        assertEquals(Kind.CONFLICT, assertInstanceOf(CatwalkException.class, lost).kind(), lost::toString);
        User winner = outcomes.get(0).isEmpty() ? ann : bob;
        User loser = winner == ann ? bob : ann;
        assertEquals(Optional.of(winner.id()), stores.githubIdentities().userOf(OCTOCAT.id()));
        assertEquals(Optional.of(OCTOCAT), stores.githubIdentities().of(winner.id()));
        assertEquals(Optional.empty(), stores.githubIdentities().of(loser.id()));
    }
}
