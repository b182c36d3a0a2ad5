package live.catwalk.core.account.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.GitHubIdentity;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.SignUpPolicy;
import live.catwalk.core.account.domain.SignUpPolicy.Mode;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.port.in.SignInWithGitHub;
import live.catwalk.core.account.port.in.SignInWithGitHub.Finished;
import live.catwalk.core.account.port.in.SignInWithGitHub.Started;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

class GitHubSignInServiceTest {

    private static final URI CALLBACK = URI.create("https://catwalk.example/auth/github/callback");

    private final AccountHarness h = new AccountHarness();
    private final FakeGitHub github = new FakeGitHub();
    private final BrowserSessionsService sessions = new BrowserSessionsService(h.authenticate, h.stores.tokens(),
            h.stores.users(), h.randomness, h.clock);

    private GitHubSignInService service(Mode mode, String... allowed) {
        return new GitHubSignInService(github, h.stores.githubIdentities(), h.stores.users(), h.stores.tokens(),
                h.stores.audit(), sessions, new SignUpPolicy(mode, Set.of(allowed)), () -> CALLBACK, h.randomness,
                h.clock);
    }

    /** A whole sign-in: start, then GitHub answers with {@code code}. */
    private static Finished signIn(SignInWithGitHub service, String code) {
        Started started = service.start(Optional.empty(), "next:/deployments");
        return service.finish(started.state(), started.state(), code);
    }

    private static CatwalkException refused(CatwalkException.Kind kind, Runnable action) {
        CatwalkException e = assertThrows(CatwalkException.class, action::run);
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void aFirstSignInCreatesAUserNamedAfterTheLoginAndTheNextOneFindsItByIdEvenAfterARename() {
        SignInWithGitHub service = service(Mode.GITHUB);
        Started started = service.start(Optional.empty(), "next:/deployments");
        assertTrue(started.location().toString().startsWith("https://github.test/login/oauth/authorize?state="
                + started.state()), started.location().toString());
        assertTrue(started.location().toString().contains("auth%2Fgithub%2Fcallback"), "GitHub sends it back here");
        assertFalse(started.toString().contains(started.state()), "the state is not printed");

        Finished first = service.finish(started.state(), started.state(), github.code(42, "Ada-L"));
        assertTrue(first.created());
        assertEquals("next:/deployments", first.after());
        User ada = h.stores.users().find(first.session().principal().user()).orElseThrow();
        assertEquals("ada-l", ada.name());
        assertEquals(live.catwalk.core.account.domain.Role.USER, ada.role());
        assertEquals(Optional.of(ada.id()), sessions.authenticate(first.session().secret()).map(Principal::user));
        assertEquals(AuditAction.USER_CREATED, h.stores.audit().recent(5).stream()
                .filter(e -> e.action() == AuditAction.USER_CREATED).findFirst().orElseThrow().action());

        Finished again = signIn(service, github.code(42, "ada-renamed"));
        assertFalse(again.created());
        assertEquals(ada.id(), again.session().principal().user(), "matched by GitHub id, not login");
        assertEquals("ada-renamed", h.stores.githubIdentities().of(ada.id()).orElseThrow().login());
        assertEquals(first.session().principal().token(), again.session().principal().token(),
                "the sessions stand for the same GitHub sign-in token");
        assertEquals(1, h.stores.users().count());
    }

    @Test
    void inviteOnlyLetsInListedLoginsAndMembersOfListedOrganisationsAndNobodyElse() {
        SignInWithGitHub service = service(Mode.INVITE, "Grace", "acme");
        CatwalkException e = refused(CatwalkException.Kind.FORBIDDEN, () -> signIn(service, github.code(7, "mallory")));
        assertTrue(e.getMessage().contains("@mallory"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("CATWALK_SIGNUP_ALLOW"), e.hint().orElseThrow());
        assertEquals(0, h.stores.users().count(), "nothing is created for a refused account");
        assertTrue(h.stores.githubIdentities().userOf(7).isEmpty());

        assertTrue(signIn(service, github.code(8, "grace")).created(), "listed login, any case");
        assertTrue(signIn(service, github.code(9, "linus", "ACME")).created(), "member of a listed organisation");
        assertTrue(github.askedForOrganisations.stream().allMatch(b -> b), "organisations are asked for");
        refused(CatwalkException.Kind.FORBIDDEN, () -> signIn(service, github.code(10, "eve", "other-org")));
        assertEquals(2, h.stores.users().count());
    }

    @Test
    void anEmptyInviteListLetsNobodyInAndOpenSignUpDoesNotAskForOrganisations() {
        refused(CatwalkException.Kind.FORBIDDEN, () -> signIn(service(Mode.INVITE), github.code(1, "ada")));
        assertTrue(signIn(service(Mode.GITHUB), github.code(2, "bob")).created());
        assertEquals(List.of(false, false), github.askedForOrganisations);
    }

    @Test
    void closedSignUpRefusesNewAccountsButLinkedOnesStillSignIn() {
        assertTrue(signIn(service(Mode.GITHUB), github.code(5, "ada")).created());
        SignInWithGitHub closed = service(Mode.CLOSED);
        CatwalkException e = refused(CatwalkException.Kind.FORBIDDEN, () -> signIn(closed, github.code(6, "bob")));
        assertTrue(e.hint().orElseThrow().contains("link"), e.hint().orElseThrow());
        assertFalse(signIn(closed, github.code(5, "ada")).created());
    }

    @Test
    void theStateMustBeThisBrowsersUnusedAndFresh() {
        SignInWithGitHub service = service(Mode.GITHUB);
        Started started = service.start(Optional.empty(), "next:/");
        String code = github.code(1, "ada");
        refused(CatwalkException.Kind.UNAUTHORIZED, () -> service.finish(started.state(), "another", code));
        refused(CatwalkException.Kind.UNAUTHORIZED, () -> service.finish(started.state(), null, code));
        refused(CatwalkException.Kind.UNAUTHORIZED, () -> service.finish(null, null, code));
        refused(CatwalkException.Kind.UNAUTHORIZED, () -> service.finish("unknown", "unknown", code));
        assertTrue(github.exchanged.isEmpty(), "GitHub is never asked for a sign-in this browser did not start");

        service.finish(started.state(), started.state(), code);
        CatwalkException used = refused(CatwalkException.Kind.UNAUTHORIZED,
                () -> service.finish(started.state(), started.state(), github.code(1, "ada")));
        assertFalse(used.getMessage().contains(started.state()));

        Started late = service.start(Optional.empty(), "next:/");
        h.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
        refused(CatwalkException.Kind.UNAUTHORIZED, () -> service.finish(late.state(), late.state(),
                github.code(1, "ada")));
        assertEquals(1, github.exchanged.size());
    }

    @Test
    void aCodeGitHubRefusesOpensNothing() {
        SignInWithGitHub service = service(Mode.GITHUB);
        Started started = service.start(Optional.empty(), "next:/");
        refused(CatwalkException.Kind.UNAUTHORIZED, () -> service.finish(started.state(), started.state(), "forged"));
        refused(CatwalkException.Kind.UNAUTHORIZED, () -> signIn(service, ""));
        assertEquals(0, h.stores.users().count());
    }

    @Test
    void aSignedInUserLinksTheirGitHubAccountAndThenSignsInWithIt() {
        Principal ada = h.signedIn("ada");
        SignInWithGitHub service = service(Mode.CLOSED);
        Started link = service.start(Optional.of(ada), "next:/settings");
        Finished linked = service.finish(link.state(), link.state(), github.code(77, "ada-gh"));
        assertFalse(linked.created());
        assertEquals(ada.user(), linked.session().principal().user());
        assertEquals(Optional.of(new GitHubIdentity(77, "ada-gh")), h.stores.githubIdentities().of(ada.user()));
        assertEquals(ada.user(), signIn(service, github.code(77, "ada-gh")).session().principal().user(),
                "closed sign-up still lets a linked account in");

        Principal bob = h.signedIn("bob");
        Started steal = service.start(Optional.of(bob), "next:/settings");
        CatwalkException e = refused(CatwalkException.Kind.CONFLICT,
                () -> service.finish(steal.state(), steal.state(), github.code(77, "ada-gh")));
        assertTrue(e.getMessage().contains("another Catwalk user"), e.getMessage());
        Started twice = service.start(Optional.of(ada), "next:/settings");
        refused(CatwalkException.Kind.CONFLICT, () -> service.finish(twice.state(), twice.state(),
                github.code(78, "ada-other")));
        assertEquals(Optional.of(new GitHubIdentity(77, "ada-gh")), h.stores.githubIdentities().of(ada.user()));
    }

    @Test
    void aTakenNameGetsANumberAndADisabledUserIsRefused() {
        h.signedIn("ada");
        SignInWithGitHub service = service(Mode.GITHUB);
        Finished other = signIn(service, github.code(3, "ada"));
        assertEquals("ada-2", h.stores.users().find(other.session().principal().user()).orElseThrow().name());
        h.stores.users().setDisabled(other.session().principal().user(), true);
        CatwalkException e = refused(CatwalkException.Kind.FORBIDDEN, () -> signIn(service, github.code(3, "ada")));
        assertTrue(e.getMessage().contains("disabled"), e.getMessage());
    }

    @Test
    void revokingTheGitHubSignInTokenEndsThoseSessionsAndTheNextSignInIssuesAnother() {
        SignInWithGitHub service = service(Mode.GITHUB);
        Finished first = signIn(service, github.code(4, "ada"));
        Principal ada = first.session().principal();
        AccessToken token = h.stores.tokens().find(ada.token()).orElseThrow();
        assertEquals(GitHubSignInService.TOKEN_NAME, token.name());
        h.revoke.revoke(ada, token.id());
        assertTrue(sessions.authenticate(first.session().secret()).isEmpty());
        Finished second = signIn(service, github.code(4, "ada"));
        assertNotEquals(ada.token(), second.session().principal().token());
        assertTrue(sessions.authenticate(second.session().secret()).isPresent());
    }

    @Test
    void withoutAGitHubAppThereIsNothingToStart() {
        github.configured = false;
        SignInWithGitHub service = service(Mode.GITHUB);
        assertFalse(service.enabled());
        CatwalkException e = refused(CatwalkException.Kind.NOT_FOUND, () -> service.start(Optional.empty(), "next:/"));
        assertTrue(e.hint().orElseThrow().contains("CATWALK_GITHUB_CLIENT_ID"));
        github.configured = true;
        refused(CatwalkException.Kind.INVALID_INPUT, () -> service(Mode.GITHUB).start(Optional.empty(),
                "x".repeat(GitHubSignInService.MAX_AFTER + 1)));
    }
}
