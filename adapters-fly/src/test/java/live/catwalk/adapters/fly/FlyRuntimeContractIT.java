package live.catwalk.adapters.fly;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import live.catwalk.core.deployment.RuntimeContract;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.ServerCommand;
import org.junit.jupiter.api.Test;

/**
 * The runtime contract against {@link FlyRuntime} on a stateful stub of a Fly app (Machines API and runners), the
 * runtime asking each runner's {@code /status} for ping and listing machines on every read, so what it reports is
 * what Fly holds.
 */
class FlyRuntimeContractIT extends RuntimeContract {

    private FlyAppStub fly;

    @Override
    protected Runtime freshRuntime() {
        try {
            fly = new FlyAppStub();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return FlyRuntime.builder(FlyStubs.CLIENT, "tok", FlyStubs.APP, FlyStubs.IMAGE, FlyStubs.RUNNER_KEY)
                .api(fly.api()).runnerUrl(fly.runnerUrl()).pingRunner().timeout(Duration.ofSeconds(5))
                .startWithin(Duration.ofSeconds(10)).refreshEvery(Duration.ZERO).build();
    }

    /** The runner on the machine would run it; the stub's runners run nothing. */
    @Override
    protected ServerCommand workingServer() {
        return new ServerCommand(List.of("npx", "-y", "@scope/server@1.0.0"), Map.of("API_KEY", "sk-1"));
    }

    @Override
    protected Duration startWithin() {
        return Duration.ofSeconds(10);
    }

    @Test
    void startingAgainLeavesTheDeploymentOneMachineAndStoppingLeavesNone() {
        DeploymentId id = new DeploymentId("fly-one");
        startAndAwaitRunning(id);

        startAndAwaitRunning(id);

        assertEquals(1, fly.machineIds().size(), fly.machineIds()::toString);
        runtime.stop(id);
        assertEquals(List.of(), fly.machineIds());
    }

    @Override
    protected void afterEach() {
        fly.close();
    }
}
