package live.catwalk.core.account.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.TokenKind;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.port.in.IssueToken;
import live.catwalk.core.deployment.domain.Deployment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The data plane's token rule: only a live deployment token of that very deployment opens it. */
class AuthenticateDeploymentTokenTest {

    private final AccountHarness h = new AccountHarness();
    private final AuthenticateDeploymentTokenService service =
            new AuthenticateDeploymentTokenService(h.stores.tokens(), h.clock);
    private User ada;
    private Deployment mine;
    private Deployment other;
    private IssuedToken token;

    @BeforeEach
    void setUp() {
        ada = h.fixtures.admin("ada");
        h.stores.users().insert(ada);
        mine = h.stores.deployments().insert(h.fixtures.deployment(ada.id(), "mine"));
        other = h.stores.deployments().insert(h.fixtures.deployment(ada.id(), "other"));
        token = TokenKind.DEPLOYMENT.mint(new TokenId(h.randomness.uuid()), ada.id(), Optional.of(mine.id()),
                "deployment", h.randomness.secret(), h.clock.instant());
        h.stores.tokens().insert(token.token());
    }

    @Test
    void aLiveTokenOpensItsOwnDeploymentOnly() {
        assertEquals(Optional.of(token.token().id()), service.authenticate(mine.id(), token.secret()));
        assertEquals(Optional.empty(), service.authenticate(other.id(), token.secret()));
    }

    @Test
    void malformedUnknownRevokedAndPersonalTokensAreRefusedAlike() {
        IssuedToken personal = h.issue.issue(new IssueToken.Command(new Principal(ada.id(), Role.ADMIN,
                new TokenId(h.randomness.uuid())), "cli"));
        String unknown = "cwd_" + "A".repeat(40);

        assertEquals(Optional.empty(), service.authenticate(mine.id(), null));
        assertEquals(Optional.empty(), service.authenticate(mine.id(), "cwd_short"));
        assertEquals(Optional.empty(), service.authenticate(mine.id(), unknown));
        assertEquals(Optional.empty(), service.authenticate(mine.id(), personal.secret()));
        h.stores.tokens().revokeForDeployment(mine.id(), h.clock.instant());
        assertEquals(Optional.empty(), service.authenticate(mine.id(), token.secret()));
    }

    @Test
    void theLastUseIsWrittenAtMostOnceAMinute() {
        Instant first = h.clock.instant();
        service.authenticate(mine.id(), token.secret());
        h.clock.advance(Duration.ofSeconds(59));
        service.authenticate(mine.id(), token.secret());

        assertEquals(Optional.of(first), lastUsed());
        h.clock.advance(Duration.ofSeconds(2));
        service.authenticate(mine.id(), token.secret());
        assertEquals(Optional.of(h.clock.instant()), lastUsed());
    }

    private Optional<Instant> lastUsed() {
        return h.stores.tokens().findByHash(token.token().hash()).orElseThrow().lastUsedAt();
    }
}
