package live.catwalk.core.account.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import live.catwalk.core.deployment.usecase.DisableUserService;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.in.EnableUser;
import live.catwalk.core.account.port.in.IssueToken;
import live.catwalk.core.deployment.fakes.FakeRuntime;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.Test;

/**
 * An admin lists users and their tokens, revokes anyone's personal token and enables a disabled user; a plain user
 * can do none of it. Failed sign-ins leave a bounded number of audit rows.
 */
class AdminAccountsTest {

    private final AccountHarness h = new AccountHarness();
    private final ListUsersService listUsers = new ListUsersService(h.stores.users());
    private final DisableUserService disable = new DisableUserService(h.stores.users(), h.stores.tokens(), h.stores.oauth()::revokeGrantsOfUser,
            h.stores.deployments(), h.stores.events(), new FakeRuntime(), h.stores.audit(), h.clock);
    private final EnableUserService enable = new EnableUserService(h.stores.users(), h.stores.tokens(),
            h.stores.audit(), h.randomness, h.clock);
    private final Principal root = h.signedInAdmin("root");
    private final Principal bob = h.signedIn("bob");

    private Principal admin() {
        return root;
    }

    private AuditEntry lastAudit() {
        return h.stores.audit().recent(1).getFirst();
    }

    @Test
    void anAdminListsEveryUserOldestFirstWithTheDisabledFlag() {
        disable.disable(admin(), bob.user());

        List<User> users = listUsers.list(admin(), 0, 10);

        assertEquals(List.of("root", "bob"), users.stream().map(User::name).toList());
        assertEquals(List.of(false, true), users.stream().map(User::disabled).toList());
        assertEquals(List.of("bob"), listUsers.list(admin(), 1, 1).stream().map(User::name).toList());
    }

    @Test
    void aPlainUserCannotListDisableOrEnableUsers() {
        assertEquals(Kind.FORBIDDEN, assertThrows(CatwalkException.class, () -> listUsers.list(bob, 0, 10)).kind());
        assertEquals(Kind.FORBIDDEN, assertThrows(CatwalkException.class,
                () -> disable.disable(bob, root.user())).kind());
        assertEquals(Kind.FORBIDDEN, assertThrows(CatwalkException.class,
                () -> enable.enable(bob, bob.user())).kind());
    }

    @Test
    void listingOutsideItsBoundsIsInvalidInputNamingTheParameter() {
        assertEquals("offset", assertThrows(CatwalkException.class, () -> listUsers.list(admin(), -1, 10))
                .field().orElseThrow());
        assertEquals("limit", assertThrows(CatwalkException.class, () -> listUsers.list(admin(), 0, 101))
                .field().orElseThrow());
    }

    @Test
    void anAdminRevokesAnotherUsersPersonalTokenAndTheRowNamesTheAdminAndTheOwner() {
        IssuedToken bobs = h.issue.issue(new IssueToken.Command(bob, "laptop"));

        h.revoke.revoke(admin(), bobs.token().id());

        assertTrue(h.stores.tokens().findByHash(TokenHash.of(bobs.secret())).orElseThrow().isRevoked());
        assertEquals(Optional.empty(), h.authenticate.authenticate(bobs.secret()));
        AuditEntry row = h.stores.audit().recent(5).stream().filter(e -> e.action() == AuditAction.TOKEN_REVOKED)
                .findFirst().orElseThrow();
        assertEquals(Optional.of(root.user()), row.actor());
        assertEquals(Optional.of(bobs.token().id().toString()), row.target());
        assertTrue(row.detail().contains(bob.user().toString()), row.detail());
    }

    @Test
    void aPlainUserStillCannotRevokeSomeoneElsesToken() {
        IssuedToken roots = h.issue.issue(new IssueToken.Command(root, "laptop"));

        var e = assertThrows(CatwalkException.class, () -> h.revoke.revoke(bob, roots.token().id()));

        assertEquals(Kind.NOT_FOUND, e.kind());
        assertFalse(h.stores.tokens().findByHash(TokenHash.of(roots.secret())).orElseThrow().isRevoked());
    }

    @Test
    void enablingADisabledUserGivesThemANewWorkingTokenAndIsAudited() {
        disable.disable(admin(), bob.user());

        EnableUser.Enabled enabled = enable.enable(admin(), bob.user());

        assertFalse(enabled.user().disabled());
        assertFalse(h.stores.users().find(bob.user()).orElseThrow().disabled());
        assertEquals(Optional.of(bob.user()), h.authenticate.authenticate(enabled.token().secret())
                .map(Principal::user));
        AuditEntry row = h.stores.audit().recent(5).stream().filter(e -> e.action() == AuditAction.USER_ENABLED)
                .findFirst().orElseThrow();
        assertEquals(Optional.of(root.user()), row.actor());
        assertEquals(Optional.of("user " + bob.user()), row.target());
    }

    @Test
    void anAdminSeesAnotherUsersPersonalTokensAndAPlainUserCannot() {
        IssuedToken bobs = h.issue.issue(new IssueToken.Command(bob, "laptop"));
        ListUserTokensService tokens = new ListUserTokensService(h.stores.users(), h.stores.tokens());

        assertEquals(List.of(bobs.token().id()), tokens.list(admin(), bob.user()).stream()
                .filter(t -> t.name().equals("laptop")).map(AccessToken::id).toList());
        assertEquals(2, tokens.list(admin(), bob.user()).size(), "the first token and the laptop's");
        assertEquals(Kind.FORBIDDEN, assertThrows(CatwalkException.class,
                () -> tokens.list(bob, root.user())).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(CatwalkException.class,
                () -> tokens.list(admin(), new UserId(new UUID(9, 9))))
                .kind());
    }

    @Test
    void enablingAUserWhoIsNotDisabledIsAConflict() {
        assertEquals(Kind.CONFLICT, assertThrows(CatwalkException.class,
                () -> enable.enable(admin(), bob.user())).kind());
    }

    @Test
    void twoThousandFailedSignInsWriteABoundedNumberOfRowsAndASummaryCountsTheRest() {
        int before = h.stores.audit().recent(1000).size();
        for (int i = 0; i < 2000; i++) {
            h.authenticate.authenticate("cwk_" + "x".repeat(24) + String.format("%08d", i) + "abcd");
        }
        int during = h.stores.audit().recent(1000).size() - before;

        h.clock.advance(Duration.ofMinutes(1));
        h.authenticate.authenticate("not a token");
        List<AuditEntry> rows = h.stores.audit().recent(1000).subList(0, h.stores.audit().recent(1000).size() - before);

        assertEquals(FailedSignIns.ROWS_PER_WINDOW, during);
        assertEquals(FailedSignIns.ROWS_PER_WINDOW + 2, rows.size(), "a summary and the next window's first row");
        AuditEntry summary = rows.get(1);
        assertEquals(AuditAction.AUTHENTICATION_FAILED, summary.action());
        assertTrue(summary.detail().startsWith((2000 - FailedSignIns.ROWS_PER_WINDOW) + " more failed sign-ins"),
                summary.detail());
        assertEquals("malformed token", rows.getFirst().detail());
    }

    @Test
    void aSuccessfulSignInAfterTheWindowWritesThePendingSummary() {
        IssuedToken bobs = h.issue.issue(new IssueToken.Command(bob, "laptop"));
        for (int i = 0; i < FailedSignIns.ROWS_PER_WINDOW + 5; i++) {
            h.authenticate.authenticate("nonsense");
        }
        h.clock.advance(Duration.ofMinutes(2));

        assertTrue(h.authenticate.authenticate(bobs.secret()).isPresent());

        assertTrue(lastAudit().detail().startsWith("5 more failed sign-ins"), lastAudit().detail());
    }
}
