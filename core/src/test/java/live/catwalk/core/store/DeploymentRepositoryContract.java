package live.catwalk.core.store;

import static live.catwalk.core.deployment.domain.DeploymentStatus.PENDING;
import static live.catwalk.core.deployment.domain.DeploymentStatus.VALIDATING;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.shared.CatwalkException.Kind;
import org.junit.jupiter.api.Test;

/** What every {@code DeploymentRepository} does; the update half is inherited from {@link DeploymentUpdateContract}. */
public abstract class DeploymentRepositoryContract extends DeploymentUpdateContract {

    @Test
    void storesANewDeploymentAtVersionZeroWithEveryField() {
        Deployment full = fixtures.fullDeployment(ann.id(), "weather ☂");
        Deployment carryingAVersion = withVersion(full, 7);

        Deployment stored = stores.deployments().insert(carryingAVersion);

        assertEquals(full, stored);
        assertEquals(Optional.of(full), stores.deployments().find(full.id()));
    }

    @Test
    void keepsADeploymentWithEveryOptionalAbsentAndOneWithAPinnedPackage() {
        Deployment bare = givenDeployment(ann.id(), "weather");
        Deployment created = fixtures.deployment(ann.id(), "git");
        Deployment pinned = stores.deployments().insert(created.withSpec(
                new DeploymentSpec("git", fixtures.pinnedPypi(), List.of(), SessionMode.SHARED), created.updatedAt()));

        assertEquals(Optional.of(bare), stores.deployments().find(bare.id()));
        assertEquals(Optional.of(pinned), stores.deployments().find(pinned.id()));
    }

    @Test
    void keepsAPackagesArgumentsInOrderAndVerbatim() {
        Deployment created = fixtures.deployment(ann.id(), "files");
        List<String> args = List.of("/srv/data dir", "--read-only", "", "ü ☂ 'quoted' $(id)", "-x");
        Deployment withArgs = stores.deployments().insert(created.withSpec(new DeploymentSpec("files",
                fixtures.pinnedPypi(args), List.of(), SessionMode.SHARED), created.updatedAt()));

        Deployment read = stores.deployments().find(withArgs.id()).orElseThrow();

        assertEquals(withArgs, read);
        assertEquals(args, ((Launch.Package) read.spec().launch()).args());
    }

    @Test
    void findsNothingForAnUnknownId() {
        givenDeployment(ann.id(), "weather");

        assertEquals(Optional.empty(), stores.deployments().find(fixtures.deploymentId()));
    }

    @Test
    void refusesATakenIdAsConflict() {
        Deployment first = givenDeployment(ann.id(), "weather");
        Deployment other = fixtures.deployment(ann.id(), "git");
        Deployment sameId = new Deployment(first.id(), ann.id(), other.spec(), other.desired(), other.status(),
                Optional.empty(), Optional.empty(), 0, other.createdAt(), other.updatedAt());

        assertFailsWith(Kind.CONFLICT, () -> stores.deployments().insert(sameId));

        assertEquals(Optional.of(first), stores.deployments().find(first.id()));
    }

    @Test
    void refusesANameTheOwnerAlreadyUsesAsConflict() {
        givenDeployment(ann.id(), "weather");
        Deployment twin = fixtures.deployment(ann.id(), "weather");

        assertFailsWith(Kind.CONFLICT, () -> stores.deployments().insert(twin));

        assertEquals(Optional.empty(), stores.deployments().find(twin.id()));
    }

    @Test
    void letsDifferentOwnersUseOneName() {
        givenDeployment(ann.id(), "weather");
        Deployment bobs = givenDeployment(givenUser("bob").id(), "weather");

        assertEquals(Optional.of(bobs), stores.deployments().find(bobs.id()));
    }

    @Test
    void refusesADeploymentOfAnUnknownOwnerAsNotFound() {
        Deployment orphan = fixtures.deployment(fixtures.user("ghost").id(), "weather");

        assertFailsWith(Kind.NOT_FOUND, () -> stores.deployments().insert(orphan));

        assertEquals(Optional.empty(), stores.deployments().find(orphan.id()));
    }

    @Test
    void listsAnOwnersDeploymentsNewestFirst() {
        Deployment a = givenDeployment(ann.id(), "a");
        Deployment b = givenDeployment(ann.id(), "b");
        givenDeployment(givenUser("bob").id(), "c");
        Deployment d = givenDeployment(ann.id(), "d");

        assertEquals(List.of(d, b, a), stores.deployments().listByOwner(ann.id(), 0, 500));
    }

    @Test
    void pagesThroughAnOwnersDeploymentsWithOffsetAndLimit() {
        List<Deployment> made = IntStream.range(0, 5).mapToObj(i -> givenDeployment(ann.id(), "d" + i)).toList();

        assertEquals(List.of(made.get(4), made.get(3)), stores.deployments().listByOwner(ann.id(), 0, 2));
        assertEquals(List.of(made.get(2), made.get(1)), stores.deployments().listByOwner(ann.id(), 2, 2));
        assertEquals(List.of(made.get(0)), stores.deployments().listByOwner(ann.id(), 4, 2));
        assertEquals(List.of(), stores.deployments().listByOwner(ann.id(), 5, 2));
        assertEquals(List.of(), stores.deployments().listByOwner(givenUser("bob").id(), 0, 1));
    }

    @Test
    void pagesThroughDeploymentsCreatedAtOneInstantWithoutRepeatsOrGaps() {
        var at = fixtures.next();
        Set<DeploymentId> made = IntStream.range(0, 6).mapToObj(i -> stores.deployments().insert(
                Deployment.create(fixtures.deploymentId(), ann.id(), fixtures.deployment(ann.id(), "d" + i).spec(), at)))
                .map(Deployment::id).collect(Collectors.toSet());

        List<DeploymentId> paged = IntStream.range(0, 3)
                .mapToObj(page -> stores.deployments().listByOwner(ann.id(), page * 2, 2)).flatMap(List::stream)
                .map(Deployment::id).toList();

        assertEquals(6, paged.size());
        assertEquals(made, Set.copyOf(paged));
    }

    @Test
    void refusesAPageLimitOutsideOneTo500OrANegativeOffset() {
        givenDeployment(ann.id(), "weather");

        assertThrows(IllegalArgumentException.class, () -> stores.deployments().listByOwner(ann.id(), 0, 0));
        assertThrows(IllegalArgumentException.class, () -> stores.deployments().listByOwner(ann.id(), 0, 501));
        assertThrows(IllegalArgumentException.class, () -> stores.deployments().listByOwner(ann.id(), -1, 10));
        assertEquals(1, stores.deployments().listByOwner(ann.id(), 0, 500).size());
    }

    @Test
    void listsEveryDeploymentWantedRunningOfEveryOwner() {
        assertEquals(List.of(), stores.deployments().listWantedRunning());
        Deployment running = givenDeployment(ann.id(), "a");
        Deployment stopped = givenDeployment(ann.id(), "b");
        stores.deployments().update(stopped.want(DesiredState.STOPPED, fixtures.next()));
        Deployment bobs = givenDeployment(givenUser("bob").id(), "c");

        assertEquals(Set.of(running, bobs), Set.copyOf(stores.deployments().listWantedRunning()));
    }

    @Test
    void countsEveryOwnersDeploymentsByStatusLeavingOutStatusesNoneIsIn() {
        assertEquals(Map.of(), stores.deployments().countByStatus());
        givenDeployment(ann.id(), "a");
        Deployment b = givenDeployment(ann.id(), "b");
        stores.deployments().update(b.moveTo(VALIDATING, Optional.empty(), fixtures.next()));
        givenDeployment(givenUser("bob").id(), "c");

        assertEquals(Map.of(PENDING, 2L, VALIDATING, 1L), stores.deployments().countByStatus());
    }

    @Test
    void deletesADeploymentWithItsEventsCredentialsAndTokensAndNothingElse() {
        Deployment doomed = givenDeployment(ann.id(), "doomed");
        Deployment kept = givenDeployment(ann.id(), "kept");
        for (Deployment d : List.of(doomed, kept)) {
            stores.events().append(fixtures.event(d.id(), PENDING, VALIDATING));
            stores.credentials().replaceAll(d.id(), List.of(fixtures.credential(d.id(), "API_KEY", 1)));
        }
        AccessToken doomedToken = givenDeploymentToken(ann.id(), doomed.id());
        AccessToken keptToken = givenDeploymentToken(ann.id(), kept.id());
        AccessToken personal = givenToken(ann.id());

        assertTrue(stores.deployments().delete(doomed.id()));

        assertEquals(Optional.empty(), stores.deployments().find(doomed.id()));
        assertEquals(List.of(), stores.events().recent(doomed.id(), 1000));
        assertEquals(List.of(), stores.credentials().list(doomed.id()));
        assertEquals(Optional.empty(), stores.tokens().findByHash(doomedToken.hash()));
        assertEquals(List.of(personal, keptToken), stores.tokens().listByOwner(ann.id()));
        assertEquals(Optional.of(kept), stores.deployments().find(kept.id()));
        assertEquals(1, stores.events().recent(kept.id(), 1000).size());
        assertEquals(1, stores.credentials().list(kept.id()).size());
    }

    @Test
    void deletesADeploymentOnlyOnce() {
        Deployment d = givenDeployment(ann.id(), "weather");

        assertTrue(stores.deployments().delete(d.id()));
        assertFalse(stores.deployments().delete(d.id()));
        assertFalse(stores.deployments().delete(fixtures.deploymentId()));
    }

    @Test
    void letsTheOwnerReuseTheNameOfADeletedDeployment() {
        stores.deployments().delete(givenDeployment(ann.id(), "weather").id());

        Deployment again = givenDeployment(ann.id(), "weather");

        assertEquals(List.of(again), stores.deployments().listByOwner(ann.id(), 0, 10));
    }
}
