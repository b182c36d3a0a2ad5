package live.catwalk.core.deployment.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Another user's deployment answers exactly like a missing one, on every deployment use case, and stays unchanged. */
class OwnershipTest {

    private final DeploymentHarness h = new DeploymentHarness();
    private final Deployment adas = h.deployment(h.ada, "mine");
    private final DeploymentId missing = new DeploymentId("no-such-deployment");

    private Map<String, Consumer<DeploymentId>> asBob() {
        return Map.of(
                "get", id -> h.get.get(h.bob, id),
                "stop", id -> h.stop.stop(h.bob, id),
                "start", id -> h.start.start(h.bob, id),
                "restart", id -> h.restart.restart(h.bob, id),
                "delete", id -> h.delete.delete(h.bob, id),
                "replace env", id -> h.replaceEnv.replace(h.bob, id, Map.of("lower case", "x")),
                "rotate token", id -> h.rotate.rotate(h.bob, id),
                "events", id -> h.events.events(h.bob, id, 10),
                "logs", id -> h.logs.logs(h.bob, id, 10));
    }

    @TestFactory
    Stream<DynamicTest> someoneElsesDeploymentIsNotFoundLikeAMissingOne() {
        return asBob().entrySet().stream().map(useCase -> DynamicTest.dynamicTest(useCase.getKey(), () -> {
            var foreign = assertThrows(CatwalkException.class, () -> useCase.getValue().accept(adas.id()));
            var absent = assertThrows(CatwalkException.class, () -> useCase.getValue().accept(missing));

            assertEquals(CatwalkException.Kind.NOT_FOUND, foreign.kind());
            assertEquals(absent.kind(), foreign.kind());
            assertEquals(absent.code(), foreign.code());
            assertEquals(adas, h.stored(adas));
            assertEquals(List.of(), h.runtime.stops());
        }));
    }

    @Test
    void aUserListsOnlyTheirOwnDeploymentsNewestFirst() {
        h.clock.advance(java.time.Duration.ofSeconds(1));
        Deployment second = h.deployment(h.ada, "second");
        h.deployment(h.bob, "bobs");

        assertEquals(List.of(second.id(), adas.id()), h.list.list(h.ada, 0, 10).stream().map(Deployment::id).toList());
        assertEquals(List.of(adas.id()), h.list.list(h.ada, 1, 1).stream().map(Deployment::id).toList());
    }

    @Test
    void pagingOutsideItsBoundsIsInvalidInputNamingTheParameter() {
        assertEquals("offset", assertThrows(CatwalkException.class, () -> h.list.list(h.ada, -1, 10)).field().orElseThrow());
        assertEquals("limit", assertThrows(CatwalkException.class, () -> h.list.list(h.ada, 0, 101)).field().orElseThrow());
        assertEquals("limit", assertThrows(CatwalkException.class, () -> h.events.events(h.ada, adas.id(), 0)).field().orElseThrow());
        assertEquals("lines", assertThrows(CatwalkException.class, () -> h.logs.logs(h.ada, adas.id(), 1001)).field().orElseThrow());
    }
}
