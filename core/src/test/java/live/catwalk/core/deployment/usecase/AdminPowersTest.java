package live.catwalk.core.deployment.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.in.DisableUser;
import live.catwalk.core.account.port.in.IssueToken;
import live.catwalk.core.account.usecase.AuthenticateService;
import live.catwalk.core.account.usecase.IssueTokenService;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.Test;

/** An admin stops, starts, restarts and deletes anyone's deployment and disables users; each leaves an audit row. */
class AdminPowersTest {

    private final DeploymentHarness h = new DeploymentHarness();
    private final DisableUserService disable = new DisableUserService(h.stores.users(), h.stores.tokens(), h.stores.oauth()::revokeGrantsOfUser,
            h.stores.deployments(), h.stores.events(), h.runtime, h.stores.audit(), h.clock);
    private final AuthenticateService authenticate = new AuthenticateService(h.stores.tokens(), h.stores.users(),
            h.stores.audit(), h.clock);
    private final IssueTokenService issue = new IssueTokenService(h.stores.tokens(), h.stores.audit(), h.randomness,
            h.clock);

    private AuditEntry lastAudit() {
        return h.stores.audit().recent(1).getFirst();
    }

    private Deployment running(Deployment d) {
        h.pass();
        h.pass();
        return h.stored(d);
    }

    @Test
    void anAdminGetsAndStopsSomeoneElsesDeploymentAndTheStopIsAuditedNamingBoth() {
        Deployment bobs = running(h.deployment(h.bob, "bobs"));

        assertEquals(bobs.id(), h.get.get(h.root, bobs.id()).id());
        Deployment stopped = h.stop.stop(h.root, bobs.id());

        assertEquals(DesiredState.STOPPED, stopped.desired());
        assertEquals(DeploymentStatus.STOPPED, stopped.status());
        assertEquals(List.of(bobs.id()), h.runtime.stops());
        AuditEntry row = lastAudit();
        assertEquals(AuditAction.DEPLOYMENT_STOPPED, row.action());
        assertEquals(Optional.of(h.root.user()), row.actor());
        assertEquals(Optional.of(bobs.id().value()), row.target());
        assertTrue(row.detail().contains(h.bob.user().toString()), row.detail());
        assertEquals("stopped by an admin", h.events.events(h.bob, bobs.id(), 1).getFirst().message());
    }

    @Test
    void anAdminStartsRestartsAndDeletesSomeoneElsesDeploymentEachAudited() {
        Deployment bobs = h.deployment(h.bob, "bobs");
        h.stop.stop(h.bob, bobs.id());

        h.start.start(h.root, bobs.id());
        assertEquals(AuditAction.DEPLOYMENT_STARTED, lastAudit().action());
        h.restart.restart(h.root, bobs.id());
        assertEquals(AuditAction.DEPLOYMENT_RESTARTED, lastAudit().action());
        h.delete.delete(h.root, bobs.id());

        assertEquals(Optional.empty(), h.stores.deployments().find(bobs.id()));
        assertEquals(AuditAction.DEPLOYMENT_DELETED, lastAudit().action());
        assertEquals(Optional.of(h.root.user()), lastAudit().actor());
        assertTrue(lastAudit().detail().contains("by an admin"), lastAudit().detail());
    }

    @Test
    void anOwnersOwnActionsWriteNoAdminRow() {
        Deployment adas = h.deployment(h.ada, "mine");
        int before = h.stores.audit().recent(1000).size();

        h.stop.stop(h.ada, adas.id());
        h.start.start(h.ada, adas.id());
        h.restart.restart(h.ada, adas.id());

        assertEquals(before, h.stores.audit().recent(1000).size());
    }

    @Test
    void anAdminStillCannotReadAnotherUsersVariablesEventsLogsOrRotateTheirToken() {
        Deployment bobs = h.deployment(h.bob, "bobs");

        assertEquals(Kind.NOT_FOUND, assertThrows(CatwalkException.class,
                () -> h.events.events(h.root, bobs.id(), 10)).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(CatwalkException.class,
                () -> h.logs.logs(h.root, bobs.id(), 10)).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(CatwalkException.class,
                () -> h.rotate.rotate(h.root, bobs.id())).kind());
    }

    @Test
    void disablingAUserRevokesEveryTokenStopsEveryDeploymentAndRefusesTheirSignIn() {
        IssuedToken personal = issue.issue(new IssueToken.Command(h.bob, "laptop"));
        var created = h.created(h.bob, "one");
        Deployment one = running(created.deployment());
        Deployment two = h.deployment(h.bob, "two");
        Deployment adas = h.deployment(h.ada, "adas");
        assertTrue(authenticate.authenticate(personal.secret()).isPresent());
        long startsOfOne = h.runtime.starts().stream().filter(s -> s.id().equals(one.id())).count();

        DisableUser.Disabled result = disable.disable(h.root, h.bob.user());

        assertTrue(result.user().disabled());
        assertEquals(3, result.tokensRevoked(), "the personal token and both deployments' tokens");
        assertEquals(2, result.deploymentsStopped());
        assertTrue(h.stores.users().find(h.bob.user()).orElseThrow().disabled());
        assertEquals(Optional.empty(), authenticate.authenticate(personal.secret()));
        assertTrue(h.stores.tokens().findByHash(TokenHash.of(created.token().secret())).orElseThrow().isRevoked());
        for (Deployment d : List.of(one, two)) {
            assertEquals(DesiredState.STOPPED, h.stored(d).desired());
            assertEquals(DeploymentStatus.STOPPED, h.stored(d).status());
            assertTrue(h.runtime.stops().contains(d.id()));
        }
        assertEquals(DesiredState.RUNNING, h.stored(adas).desired());
        h.pass();
        assertEquals(DeploymentStatus.STOPPED, h.stored(one).status());
        assertEquals(startsOfOne, h.runtime.starts().stream().filter(s -> s.id().equals(one.id())).count());
    }

    @Test
    void disablingAUserRevokesTheGrantsTheyGaveApplicationsAndNotOthers() {
        var fx = new live.catwalk.core.store.StoreFixtures();
        var client = fx.registeredClient();
        h.stores.oauth().saveClient(client);
        Deployment bobs = h.deployment(h.bob, "bobs");
        Deployment adas = h.deployment(h.ada, "adas");
        var bobsGrant = fx.grant(h.bob.user(), client.id(), bobs.id());
        var adasGrant = fx.grant(h.ada.user(), client.id(), adas.id());
        h.stores.oauth().insertGrant(bobsGrant);
        h.stores.oauth().insertGrant(adasGrant);

        disable.disable(h.root, h.bob.user());

        assertTrue(h.stores.oauth().findGrant(bobsGrant.id()).orElseThrow().revokedAt().isPresent());
        assertTrue(h.stores.oauth().findGrant(adasGrant.id()).orElseThrow().revokedAt().isEmpty());
        AuditEntry row = h.stores.audit().recent(5).stream()
                .filter(e -> e.action() == AuditAction.USER_DISABLED).findFirst().orElseThrow();
        assertTrue(row.detail().contains("1 application grants"), row.detail());
    }

    @Test
    void disablingAUserIsAuditedNamingTheAdminAndTheUser() {
        disable.disable(h.root, h.bob.user());

        AuditEntry row = h.stores.audit().recent(5).stream()
                .filter(e -> e.action() == AuditAction.USER_DISABLED).findFirst().orElseThrow();
        assertEquals(Optional.of(h.root.user()), row.actor());
        assertEquals(Optional.of("user " + h.bob.user()), row.target());
        assertTrue(row.detail().startsWith("disabled bob"), row.detail());
    }

    @Test
    void anAdminCannotDisableThemselvesAndAUserCannotDisableAnyone() {
        var self = assertThrows(CatwalkException.class, () -> disable.disable(h.root, h.root.user()));
        var plain = assertThrows(CatwalkException.class, () -> disable.disable(h.ada, h.bob.user()));

        assertEquals(Kind.CONFLICT, self.kind());
        assertTrue(self.getMessage().contains("yourself"), self.getMessage());
        assertEquals(Kind.FORBIDDEN, plain.kind());
        assertFalse(h.stores.users().find(h.root.user()).orElseThrow().disabled());
        assertFalse(h.stores.users().find(h.bob.user()).orElseThrow().disabled());
    }

    @Test
    void disablingAnUnknownUserIsNotFound() {
        var e = assertThrows(CatwalkException.class, () -> disable.disable(h.root,
                new UserId(new UUID(7, 7))));

        assertEquals(Kind.NOT_FOUND, e.kind());
    }
}
