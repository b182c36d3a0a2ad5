package live.catwalk.core.account.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.TokenKind;
import live.catwalk.core.account.port.in.IssueToken;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

/** Issuing, listing and revoking personal access tokens. */
class PersonalTokensTest {

    private final AccountHarness h = new AccountHarness();
    private final Principal ada = h.signedIn("ada");
    private final Principal bob = h.signedIn("bob");

    @Test
    void anIssuedTokenIsShownOnceAndStoredOnlyAsHashAndPrefix() {
        IssuedToken issued = h.issue.issue(new IssueToken.Command(ada, "ci"));

        assertTrue(issued.secret().startsWith("cwk_"), issued.secret());
        AccessToken stored = h.stores.tokens().findByHash(TokenHash.of(issued.secret())).orElseThrow();
        assertEquals(issued.token(), stored);
        assertEquals(issued.secret().substring(0, 12), stored.prefix());
        assertFalse(stored.toString().contains(issued.secret()));
        assertFalse(issued.toString().contains(issued.secret()));
        assertEquals(Optional.of(ada), h.authenticate.authenticate(issued.secret()).map(p -> ada));
        AuditEntry audit = h.stores.audit().recent(1).getFirst();
        assertEquals(AuditAction.TOKEN_ISSUED, audit.action());
        assertFalse(audit.detail().contains(issued.secret()));
    }

    @Test
    void aBadTokenNameIsInvalidInputOnName() {
        for (String name : List.of("", "   ", "x".repeat(101), "tab\there")) {
            var e = assertThrows(CatwalkException.class, () -> h.issue.issue(new IssueToken.Command(ada, name)));
            assertEquals(CatwalkException.Kind.INVALID_INPUT, e.kind());
            assertEquals(Optional.of("name"), e.field());
        }
    }

    @Test
    void aUserListsTheirOwnPersonalTokensNewestFirstRevokedOnesIncluded() {
        h.clock.advance(Duration.ofSeconds(1));
        IssuedToken second = h.issue.issue(new IssueToken.Command(ada, "second"));
        h.revoke.revoke(ada, second.token().id());
        Deployment deployment = h.stores.deployments().insert(h.fixtures.deployment(ada.user(), "d"));
        h.stores.tokens().insert(TokenKind.DEPLOYMENT.mint(new TokenId(h.randomness.uuid()), ada.user(),
                Optional.of(deployment.id()), "deployment", h.randomness.secret(), h.clock.instant()).token());

        List<AccessToken> tokens = h.list.list(ada);

        assertEquals(List.of("second", "first"), tokens.stream().map(AccessToken::name).toList());
        assertTrue(tokens.getFirst().isRevoked());
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnceAndTheRevocationIsAudited() {
        IssuedToken issued = h.issue.issue(new IssueToken.Command(ada, "ci"));

        h.revoke.revoke(ada, issued.token().id());

        assertEquals(Optional.empty(), h.authenticate.authenticate(issued.secret()));
        assertTrue(h.stores.audit().recent(10).stream().anyMatch(a -> a.action() == AuditAction.TOKEN_REVOKED
                && a.target().equals(Optional.of(issued.token().id().toString()))));
    }

    @Test
    void someoneElsesOrAnAlreadyRevokedTokenIsNotFound() {
        IssuedToken bobs = h.issue.issue(new IssueToken.Command(bob, "bobs"));
        IssuedToken adas = h.issue.issue(new IssueToken.Command(ada, "adas"));
        h.revoke.revoke(ada, adas.token().id());

        var foreign = assertThrows(CatwalkException.class, () -> h.revoke.revoke(ada, bobs.token().id()));
        var twice = assertThrows(CatwalkException.class, () -> h.revoke.revoke(ada, adas.token().id()));

        assertEquals(CatwalkException.Kind.NOT_FOUND, foreign.kind());
        assertEquals(CatwalkException.Kind.NOT_FOUND, twice.kind());
        assertTrue(h.authenticate.authenticate(bobs.secret()).isPresent());
    }

    @Test
    void aDeploymentTokenIsNotRevokedAsAPersonalOne() {
        Deployment deployment = h.stores.deployments().insert(h.fixtures.deployment(ada.user(), "d"));
        IssuedToken deploymentToken = TokenKind.DEPLOYMENT.mint(new TokenId(h.randomness.uuid()), ada.user(),
                Optional.of(deployment.id()), "deployment", h.randomness.secret(), h.clock.instant());
        h.stores.tokens().insert(deploymentToken.token());

        var e = assertThrows(CatwalkException.class, () -> h.revoke.revoke(ada, deploymentToken.token().id()));

        assertEquals(CatwalkException.Kind.NOT_FOUND, e.kind());
        assertFalse(h.stores.tokens().findByHash(deploymentToken.token().hash()).orElseThrow().isRevoked());
    }

    @Test
    void getMeAnswersTheCallersUser() {
        assertEquals(ada.user(), h.me.me(ada).id());
        assertEquals("ada", h.me.me(ada).name());
    }
}
