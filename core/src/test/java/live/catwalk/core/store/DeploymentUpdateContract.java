package live.catwalk.core.store;

import static live.catwalk.core.deployment.domain.DeploymentStatus.VALIDATING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How every {@code DeploymentRepository} updates; extend {@link DeploymentRepositoryContract}, which has it all. */
public abstract class DeploymentUpdateContract extends StoreContract {

    private static final int RACES = 20;

    protected User ann;

    @BeforeEach
    protected final void givenAnOwner() {
        ann = givenUser("ann");
    }

    @Test
    void updateStoresEveryChangeAndReturnsItWithTheNextVersion() {
        Deployment read = givenDeployment(ann.id(), "weather");
        Deployment changed = read.moveTo(VALIDATING, Optional.of("checking the package"), fixtures.next())
                .withRuntimeHandle(Optional.of("machine-1"), fixtures.next()).want(DesiredState.STOPPED, fixtures.next())
                .withSpec(new DeploymentSpec("renamed", fixtures.pinnedPypi(), List.of(), read.spec().sessionMode()),
                        fixtures.next());

        Deployment first = stores.deployments().update(changed);

        assertEquals(withVersion(changed, 1), first);
        assertEquals(Optional.of(first), stores.deployments().find(read.id()));
        Deployment second = stores.deployments().update(first.want(DesiredState.RUNNING, fixtures.next()));
        assertEquals(2, second.version());
        assertEquals(Optional.of(second), stores.deployments().find(read.id()));
    }

    @Test
    void updateRefusesAStaleVersionAsConflictAndKeepsTheStoredDeployment() {
        Deployment read = givenDeployment(ann.id(), "weather");
        Deployment winner = stores.deployments().update(read.want(DesiredState.STOPPED, fixtures.next()));

        assertFailsWith(Kind.CONFLICT, () -> stores.deployments()
                .update(read.withRuntimeHandle(Optional.of("machine-2"), fixtures.next())));
        assertFailsWith(Kind.CONFLICT, () -> stores.deployments().update(withVersion(winner, 5)));

        assertEquals(Optional.of(winner), stores.deployments().find(read.id()));
    }

    @Test
    void updateOfAMissingDeploymentIsNotFound() {
        Deployment never = fixtures.deployment(ann.id(), "never");
        Deployment gone = givenDeployment(ann.id(), "gone");
        stores.deployments().delete(gone.id());

        assertFailsWith(Kind.NOT_FOUND, () -> stores.deployments().update(never));
        assertFailsWith(Kind.NOT_FOUND, () -> stores.deployments().update(gone));
        assertEquals(Optional.empty(), stores.deployments().find(gone.id()));
    }

    @Test
    void updateKeepsTheOwnerAndCreationTimeAsInserted() {
        Deployment read = givenDeployment(ann.id(), "weather");
        User bob = givenUser("bob");
        Deployment moved = new Deployment(read.id(), bob.id(), read.spec(), read.desired(), read.status(),
                read.reason(), read.runtimeHandle(), read.version(), fixtures.next(), fixtures.next());

        Deployment stored = stores.deployments().update(moved);

        assertEquals(ann.id(), stored.owner());
        assertEquals(read.createdAt(), stored.createdAt());
        assertEquals(Optional.of(stored), stores.deployments().find(read.id()));
        assertEquals(List.of(), stores.deployments().listByOwner(bob.id(), 0, 10));
    }

    @Test
    void updateRefusesANameTheOwnerUsesForAnotherDeploymentAsConflict() {
        givenDeployment(ann.id(), "taken");
        Deployment read = givenDeployment(ann.id(), "weather");
        Deployment renamed = read.withSpec(new DeploymentSpec("taken", read.spec().launch(), read.spec().envNames(),
                read.spec().sessionMode()), fixtures.next());

        assertFailsWith(Kind.CONFLICT, () -> stores.deployments().update(renamed));

        assertEquals(Optional.of(read), stores.deployments().find(read.id()));
    }

    @Test
    void twoUpdatesFromOneVersionLetExactlyOneWinAndLoseNothingOnceTheLoserRetries() {
        Deployment deployment = givenDeployment(ann.id(), "weather");
        for (int race = 0; race < RACES; race++) {
            Deployment read = stores.deployments().find(deployment.id()).orElseThrow();
            Optional<String> handle = Optional.of("machine-" + race);
            DesiredState wanted = race % 2 == 0 ? DesiredState.STOPPED : DesiredState.RUNNING;
            Instant at = fixtures.next();
            List<UnaryOperator<Deployment>> changes = List.of(d -> d.withRuntimeHandle(handle, at),
                    d -> d.want(wanted, at));

            List<Optional<Throwable>> outcomes = Race.run(List.of(
                    () -> stores.deployments().update(changes.get(0).apply(read)),
                    () -> stores.deployments().update(changes.get(1).apply(read))));

            int loser = outcomes.get(0).isPresent() ? 0 : 1;
            assertTrue(outcomes.get(1 - loser).isEmpty(), "both updates failed: " + outcomes);
            Throwable failure = outcomes.get(loser).orElseThrow(() -> new AssertionError("both updates won"));
            assertEquals(Kind.CONFLICT, assertInstanceOf(CatwalkException.class, failure).kind());
            Deployment reread = stores.deployments().find(deployment.id()).orElseThrow();
            Deployment retried = stores.deployments().update(changes.get(loser).apply(reread));

            assertEquals(read.version() + 2, retried.version());
            assertEquals(handle, retried.runtimeHandle());
            assertEquals(wanted, retried.desired());
            assertEquals(Optional.of(retried), stores.deployments().find(deployment.id()));
        }
    }

    /** {@code deployment} carrying another version. */
    protected static Deployment withVersion(Deployment d, long version) {
        return new Deployment(d.id(), d.owner(), d.spec(), d.desired(), d.status(), d.reason(), d.runtimeHandle(),
                version, d.createdAt(), d.updatedAt());
    }
}
