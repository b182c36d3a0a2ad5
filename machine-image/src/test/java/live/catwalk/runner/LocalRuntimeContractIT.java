package live.catwalk.runner;

import java.time.Clock;
import java.time.Duration;
import live.catwalk.core.deployment.RuntimeContract;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.mcp.engine.McpEndpoints;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.usecase.ManageMcpEngineService;
import live.catwalk.core.shared.domain.ServerCommand;

/** The runtime contract against {@link LocalRuntime} with the real supervisor running a real (tiny) stdio server. */
class LocalRuntimeContractIT extends RuntimeContract {

    private ProcessSupervisor supervisor;
    private McpEndpoints endpoints;

    @Override
    protected Runtime freshRuntime() {
        supervisor = Children.supervisor().backoff(Duration.ofSeconds(1), Duration.ofSeconds(5)).build();
        endpoints = new McpEndpoints(supervisor, new CountingSessionIds(), Clock.systemUTC(),
                GatewaySettings.defaults(), "9.9.9");
        return new LocalRuntime(new ManageMcpEngineService(endpoints));
    }

    /** Writes its pid and each request it gets (initialize first) to stderr. */
    @Override
    protected ServerCommand workingServer() {
        return TinyMcpServer.command(false);
    }

    @Override
    protected Duration startWithin() {
        return Duration.ofSeconds(15);
    }

    @Override
    protected void afterEach() {
        endpoints.close();
        supervisor.closeAll();
    }
}
