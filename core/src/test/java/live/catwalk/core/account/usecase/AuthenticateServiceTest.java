package live.catwalk.core.account.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.TokenKind;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.port.in.IssueToken;
import live.catwalk.core.deployment.domain.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Personal tokens open the control plane; nothing else does, and every refusal leaves a secret-free audit row. */
class AuthenticateServiceTest {

    private final AccountHarness h = new AccountHarness();
    private User ada;
    private IssuedToken token;

    @BeforeEach
    void givenAUserWithAToken() {
        ada = h.fixtures.admin("ada");
        h.stores.users().insert(ada);
        token = h.issue.issue(new IssueToken.Command(new Principal(ada.id(), Role.ADMIN, new TokenId(h.randomness.uuid())),
                "laptop"));
    }

    private AccessToken stored() {
        return h.stores.tokens().findByHash(TokenHash.of(token.secret())).orElseThrow();
    }

    private AuditEntry lastAudit() {
        return h.stores.audit().recent(1).getFirst();
    }

    @Test
    void aLivePersonalTokenAuthenticatesItsUserWithTheirRole() {
        Optional<Principal> principal = h.authenticate.authenticate(token.secret());

        assertEquals(Optional.of(new Principal(ada.id(), Role.ADMIN, token.token().id())), principal);
        assertEquals(Optional.of(h.clock.instant()), stored().lastUsedAt());
    }

    @Test
    void aRevokedTokenIsRefused() {
        h.revoke.revoke(new Principal(ada.id(), Role.ADMIN, token.token().id()), token.token().id());

        assertEquals(Optional.empty(), h.authenticate.authenticate(token.secret()));
        assertEquals(AuditAction.AUTHENTICATION_FAILED, lastAudit().action());
        assertEquals("revoked token", lastAudit().detail());
    }

    @Test
    void anUnknownTokenIsRefusedAndAuditedWithItsVisiblePrefixOnly() {
        String unknown = "cwk_ZZZZZZZZ" + "q".repeat(32);

        assertEquals(Optional.empty(), h.authenticate.authenticate(unknown));

        AuditEntry audit = lastAudit();
        assertEquals(AuditAction.AUTHENTICATION_FAILED, audit.action());
        assertEquals(Optional.of("cwk_ZZZZZZZZ"), audit.target());
        assertEquals(Optional.empty(), audit.actor());
        assertFalse(audit.toString().contains("qqqq"), audit.toString());
    }

    @Test
    void aMalformedTokenIsRefusedAndAuditedWithoutAnyOfIt() {
        List<String> malformed = List.of("", "Bearer cwk_abc", "cwk_short", "cwk_" + "a".repeat(40) + "!", "sk-secret-1234567890");

        for (String presented : malformed) {
            assertEquals(Optional.empty(), h.authenticate.authenticate(presented), presented);
            assertEquals(Optional.empty(), lastAudit().target(), presented);
            assertEquals("malformed token", lastAudit().detail());
        }
        assertEquals(Optional.empty(), h.authenticate.authenticate(null));
    }

    @Test
    void aDeploymentTokenIsNotAControlPlaneCredential() {
        Deployment deployment = h.stores.deployments().insert(h.fixtures.deployment(ada.id(), "d"));
        IssuedToken deploymentToken = TokenKind.DEPLOYMENT.mint(new TokenId(h.randomness.uuid()), ada.id(),
                Optional.of(deployment.id()), "deployment", h.randomness.secret(), h.clock.instant());
        h.stores.tokens().insert(deploymentToken.token());

        assertEquals(Optional.empty(), h.authenticate.authenticate(deploymentToken.secret()));
        assertEquals(Optional.of(deploymentToken.token().prefix()), lastAudit().target());
        assertEquals(Optional.empty(), h.stores.tokens().findByHash(deploymentToken.token().hash()).orElseThrow()
                .lastUsedAt());
    }

    @Test
    void theLastUseIsWrittenAtMostOnceAMinute() {
        Instant first = h.clock.instant();
        h.authenticate.authenticate(token.secret());

        h.clock.advance(Duration.ofSeconds(59));
        h.authenticate.authenticate(token.secret());
        assertEquals(Optional.of(first), stored().lastUsedAt());

        h.clock.advance(Duration.ofSeconds(1));
        h.authenticate.authenticate(token.secret());
        assertEquals(Optional.of(first.plusSeconds(60)), stored().lastUsedAt());
    }

    @Test
    void noAuditRowForASuccessfulAuthentication() {
        int before = h.stores.audit().recent(100).size();

        assertTrue(h.authenticate.authenticate(token.secret()).isPresent());

        assertEquals(before, h.stores.audit().recent(100).size());
    }
}
