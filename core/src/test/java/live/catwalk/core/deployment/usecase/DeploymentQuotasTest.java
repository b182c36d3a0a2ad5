package live.catwalk.core.deployment.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentQuotas;
import live.catwalk.core.deployment.port.in.CreateDeployment.Result;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A plain user's quotas of deployments and of running ones; admins are exempt. */
class DeploymentQuotasTest {

    private final DeploymentHarness h = new DeploymentHarness();
    private final DeploymentQuotas quotas = new DeploymentQuotas(3, 2);
    private final CreateDeploymentService create = new CreateDeploymentService(h.stores.deployments(), h.stores.events(),
            h.stores.tokens(), h.stores.audit(), h.replaceCredentials, h.registry, h.randomness, h.clock, quotas);
    private final StartDeploymentService start = new StartDeploymentService(h.stores.deployments(), h.stores.events(),
            h.stores.audit(), h.clock, quotas);
    private final RestartDeploymentService restart = new RestartDeploymentService(h.stores.deployments(),
            h.stores.events(), h.runtime, h.stores.audit(), h.clock, quotas);
    private final ReplaceDeploymentEnvService replaceEnv = new ReplaceDeploymentEnvService(h.stores.deployments(),
            h.stores.events(), h.replaceCredentials, h.runtime, h.stores.audit(), h.clock, quotas);

    private Deployment create(Principal caller, String name) {
        return ((Result.Created) create.create(DeploymentHarness.request(caller, name))).deployment();
    }

    private static CatwalkException quotaExceeded(Executable action) {
        CatwalkException e = assertThrows(CatwalkException.class, action);
        assertEquals(CatwalkException.Kind.LIMIT_EXCEEDED, e.kind());
        assertEquals("quota_exceeded", e.code());
        return e;
    }

    @Test
    void aCreateBeyondTheDeploymentQuotaIsRefusedNamingTheLimitAndItsVariable() {
        Deployment first = create(h.ada, "a");
        create(h.ada, "b");
        h.stop.stop(h.ada, first.id());
        create(h.ada, "c");

        CatwalkException e = quotaExceeded(() -> create.create(DeploymentHarness.request(h.ada, "d")));

        assertTrue(e.getMessage().contains("at most 3 (CATWALK_MAX_DEPLOYMENTS_PER_USER)"), e.getMessage());
        assertEquals(3, h.stores.deployments().listByOwner(h.ada.user(), 0, 10).size());
        assertInstanceOf(Result.Created.class, create.create(DeploymentHarness.request(h.bob, "d")));
    }

    @Test
    void aCreateBeyondTheRunningQuotaIsRefusedUntilOneIsStopped() {
        Deployment first = create(h.ada, "a");
        create(h.ada, "b");

        CatwalkException e = quotaExceeded(() -> create.create(DeploymentHarness.request(h.ada, "c")));
        assertTrue(e.getMessage().contains("at most 2 (CATWALK_MAX_RUNNING_PER_USER)"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("stop a deployment"), e.hint().toString());

        h.stop.stop(h.ada, first.id());
        assertInstanceOf(Result.Created.class, create.create(DeploymentHarness.request(h.ada, "c")));
    }

    @Test
    void startRestartAndNewVariablesOfAStoppedDeploymentCountAgainstTheRunningQuota() {
        Deployment stopped = create(h.ada, "a");
        h.stop.stop(h.ada, stopped.id());
        create(h.ada, "b");
        Deployment running = create(h.ada, "c");

        quotaExceeded(() -> start.start(h.ada, stopped.id()));
        quotaExceeded(() -> restart.restart(h.ada, stopped.id()));
        quotaExceeded(() -> replaceEnv.replace(h.ada, stopped.id(), Map.of("NEW_KEY", "v")));

        assertEquals(Map.of(new EnvVarName("API_KEY"), "sk-123"), revealed(stopped));
        start.start(h.ada, running.id()); // already wanted running: no change, no refusal
        restart.restart(h.ada, running.id());
        h.stop.stop(h.ada, running.id());
        start.start(h.ada, stopped.id());
    }

    @Test
    void adminsAreExempt() {
        for (int i = 0; i < 5; i++) {
            create(h.root, "r" + i);
        }

        assertEquals(5, h.stores.deployments().listByOwner(h.root.user(), 0, 10).size());
    }

    @Test
    void quotasAreOneToFiveHundred() {
        assertThrows(IllegalArgumentException.class, () -> new DeploymentQuotas(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new DeploymentQuotas(1, 501));
    }

    private Map<EnvVarName, String> revealed(Deployment deployment) {
        Map<EnvVarName, String> values = new HashMap<>();
        h.openCredentials.open(deployment.id()).forEach((name, value) -> values.put(name, value.reveal()));
        return values;
    }
}
