package live.catwalk.core.deployment.fakes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import live.catwalk.core.deployment.RuntimeContract;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.shared.domain.ServerCommand;

/** The runtime contract against {@link FakeRuntime}, whose started servers are ready at once and have logged. */
class FakeRuntimeContractTest extends RuntimeContract {

    @Override
    protected Runtime freshRuntime() {
        FakeRuntime fake = new FakeRuntime();
        return fake.whenStarted(id -> fake.set(id, new RuntimeState.Running())
                .logLines(id, List.of("fake server " + id + " started", "listening on stdio", "initialized")));
    }

    @Override
    protected ServerCommand workingServer() {
        return new ServerCommand(List.of("fake-server"), Map.of());
    }

    @Override
    protected Duration startWithin() {
        return Duration.ofSeconds(1);
    }
}
