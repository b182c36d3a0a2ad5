package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.domain.FileDeployment;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.store.InMemoryStore;
import live.catwalk.core.store.StoreFixtures;
import live.catwalk.core.store.Stores;
import org.junit.jupiter.api.Test;

/** A deployment's stored state as the MCP endpoint asks for it. */
class StoredDeploymentStatesTest {

    private final Stores stores = new InMemoryStore().stores();
    private final StoreFixtures fixtures = new StoreFixtures();
    private final StoredDeploymentStates states = new StoredDeploymentStates(stores.deployments());

    @Test
    void aStoredDeploymentGivesWhatIsWantedItsStatusAndItsReason() {
        User owner = fixtures.user("ada");
        stores.users().insert(owner);
        Deployment created = stores.deployments().insert(fixtures.deployment(owner.id(), "everything"));
        Deployment failed = stores.deployments().update(created.moveTo(DeploymentStatus.FAILED,
                Optional.of("uvx is not installed"), fixtures.next()));

        assertEquals(Optional.of(new DeploymentStates.Stored(DesiredState.RUNNING, DeploymentStatus.FAILED,
                Optional.of("uvx is not installed"))), states.find(failed.id().value()));
    }

    @Test
    void anUnknownIdOrOneThatIsNoIdAtAllIsEmpty() {
        assertEquals(Optional.empty(), states.find("no-such-deployment"));
        assertEquals(Optional.empty(), states.find("../../etc/passwd"));
        assertEquals(Optional.empty(), states.find(""));
    }

    @Test
    void aFileEntryThatCouldNotBePinnedIsFailedWithItsReasonOneThatStartedHasNoStoredState() {
        var spec = new DeploymentSpec("tools", new Launch.Command(List.of("node", "server.js")), List.of(),
                SessionMode.SHARED);
        var unpinned = new FileDeployment(new DeploymentId("file-unpinned"), spec, DeploymentStatus.FAILED,
                Optional.of("not started: its package could not be pinned"));
        var started = new FileDeployment(new DeploymentId("file-started"), spec, DeploymentStatus.STARTING,
                Optional.empty());
        var withFile = new StoredDeploymentStates(stores.deployments(), List.of(unpinned, started));

        assertEquals(Optional.of(new DeploymentStates.Stored(DesiredState.RUNNING, DeploymentStatus.FAILED,
                Optional.of("not started: its package could not be pinned"))), withFile.find("file-unpinned"));
        assertEquals(Optional.empty(), withFile.find("file-started"));
    }
}
