package live.catwalk.core.deployment.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import org.junit.jupiter.api.Test;

/** A deployment stored under older rules with a variable now refused is never started with it. */
class RefusedStoredVariablesTest {

    private final DeploymentHarness h = new DeploymentHarness();

    @Test
    void aStoredDeploymentDeclaringARefusedVariableFailsInsteadOfStarting() {
        Deployment created = h.deployment(h.ada, "old");
        DeploymentSpec spec = created.spec();
        h.stores.deployments().update(created.withSpec(new DeploymentSpec(spec.name(), spec.launch(),
                List.of(new EnvVarName("API_KEY"), new EnvVarName("HTTPS_PROXY")), spec.sessionMode()), h.clock.instant()));

        h.pass();

        Deployment stored = h.stored(created);
        assertEquals(DeploymentStatus.FAILED, stored.status());
        assertTrue(stored.reason().orElseThrow().contains("variables no server may set: HTTPS_PROXY"),
                stored.reason().toString());
        assertTrue(h.runtime.starts().isEmpty());
    }
}
