package live.catwalk.core.deployment.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentQuotas;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CreateDeployment.Result;
import live.catwalk.core.deployment.port.out.Programs;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

/** Without a sandbox for servers, plain users cannot deploy or start packages; admins still can. */
class NoSandboxTest {

    private final DeploymentHarness h = new DeploymentHarness();
    private final CreateDeploymentService unsandboxed = new CreateDeploymentService(h.stores.deployments(),
            h.stores.events(), h.stores.tokens(), h.stores.audit(), h.replaceCredentials, h.registry, h.randomness,
            h.clock, DeploymentQuotas.UNLIMITED, false);
    private final StartDeploymentService start = new StartDeploymentService(h.stores.deployments(), h.stores.events(),
            h.stores.audit(), h.clock, DeploymentQuotas.UNLIMITED, false);

    @Test
    void aPlainUsersPackageIsRefusedWithTheFixAndNothingIsStored() {
        Result result = unsandboxed.create(DeploymentHarness.request(h.ada, "everything"));

        List<ValidationProblem> problems = assertInstanceOf(Result.Rejected.class, result).problems();
        assertEquals("package", problems.getFirst().field());
        assertTrue(problems.getFirst().toString().contains("apt-get install bubblewrap"), problems.toString());
        assertTrue(problems.getFirst().toString().contains("CATWALK_SANDBOX=off"), problems.toString());
        assertTrue(h.stores.deployments().listByOwner(h.ada.user(), 0, 10).isEmpty());
    }

    @Test
    void anAdminsPackageIsStillCreated() {
        assertInstanceOf(Result.Created.class, unsandboxed.create(DeploymentHarness.request(h.root, "everything")));
    }

    @Test
    void theReconcilerFailsAPlainUsersPackageCreatedWhileThereWasASandboxAndStartsAnAdmins() {
        var reconcile = new ReconcileService(h.stores.deployments(), h.stores.events(), h.runtime, h.openCredentials,
                h.clock, HealthProbes.inline(h.runtime, java.time.Duration.ofSeconds(2), h.clock), h.stores.users(), false,
                Programs.ANY);
        Deployment ada = h.created(h.ada, "everything").deployment();
        Deployment root = h.created(h.root, "everything").deployment();

        h.clock.advance(java.time.Duration.ofSeconds(1));
        reconcile.reconcile();

        Deployment failed = h.stored(ada);
        assertEquals(live.catwalk.core.deployment.domain.DeploymentStatus.FAILED, failed.status());
        assertTrue(failed.reason().orElseThrow().contains("apt-get install bubblewrap"), failed.reason().toString());
        assertEquals(List.of(root.id()), h.runtime.starts().stream().map(s -> s.id()).toList());
    }

    @Test
    void aPlainUsersStoppedPackageIsNotStartedButAnAdminsIs() {
        Deployment ada = h.created(h.ada, "everything").deployment(); // created while there was a sandbox
        Deployment root = h.created(h.root, "everything").deployment();
        h.stop.stop(h.ada, ada.id());
        h.stop.stop(h.root, root.id());

        CatwalkException refused = assertThrows(CatwalkException.class, () -> start.start(h.ada, ada.id()));

        assertEquals("sandbox_unavailable", refused.code());
        assertTrue(refused.hint().orElseThrow().contains("apt-get install bubblewrap"));
        start.start(h.root, root.id());
    }
}
