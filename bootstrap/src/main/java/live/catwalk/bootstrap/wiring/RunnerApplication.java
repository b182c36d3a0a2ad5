package live.catwalk.bootstrap.wiring;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.adapters.rest.mcp.McpActivity;
import live.catwalk.adapters.rest.runner.RunnerResource;
import live.catwalk.adapters.rest.runner.RunnerSecretFilter;
import live.catwalk.bootstrap.config.RunnerSettings;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.mcp.engine.McpEndpoints;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.usecase.MaintainMcpSessionsService;
import live.catwalk.core.mcp.usecase.ServeMcpService;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.runner.ProcessSupervisor;
import live.catwalk.runner.Sandbox;

/**
 * The composition root of {@code catwalk runner}, what a Fly machine runs: one deployment's server under the
 * supervisor, served at {@code /mcp/{deploymentId}} through the same {@code ServeMcp} and engine as the gateway,
 * plus {@code /status} and {@code /logs}; every request needs the runner secret. No database, no vault, no control
 * plane: nothing of Catwalk's own secrets is here. Servers run without a sandbox, the machine being the isolation.
 */
public final class RunnerApplication implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RunnerApplication.class.getName());
    private static final Duration HEARTBEAT = Duration.ofSeconds(15);

    private final RestServer server;
    private final URI uri;
    private final ProcessSupervisor supervisor;
    private final McpEndpoints endpoints;
    private final ScheduledExecutorService upkeep;

    private RunnerApplication(RestServer server, URI uri, ProcessSupervisor supervisor, McpEndpoints endpoints,
                              ScheduledExecutorService upkeep) {
        this.server = server;
        this.uri = uri;
        this.supervisor = supervisor;
        this.endpoints = endpoints;
        this.upkeep = upkeep;
    }

    /**
     * Starts the deployment's server and serves it; {@code environment} is the runner's own, from which the server
     * inherits only non-secret basics (never the runner's variables). Throws {@link IOException} when the address
     * cannot be bound.
     */
    public static RunnerApplication start(RunnerSettings settings, Map<String, String> environment, String version)
            throws IOException {
        Clock clock = Clock.systemUTC();
        ProcessSupervisor supervisor = ProcessSupervisor.builder().baseEnvironment(environment)
                .sandbox(Sandbox.none()).build();
        // The gateway reaches the machine by its private address under any name, and checked Host and Origin itself.
        GatewaySettings gateway = GatewaySettings.defaults().withAllowed(Set.of("*"), Set.of("*"));
        GatewayLimits limits = fitToHeap(settings.limits(), Runtime.getRuntime().maxMemory());
        McpEndpoints endpoints = new McpEndpoints(supervisor, new SecureSessionIds(), clock, gateway, limits, version);
        String id = settings.deployment().value();
        RunnerMcpAccess access = new RunnerMcpAccess(id, settings.secret());
        var mcp = new ServeMcpService(gateway, limits, access, DeploymentStates.NONE, endpoints);
        McpActivity activity = new McpActivity();
        EngineRunnerReport report = new EngineRunnerReport(endpoints, id, clock, activity);
        RestServer server = RestServer.builder(settings.host(), settings.port())
                .maxBodyBytes(gateway.maxBodyBytes())
                .allowedHosts(Set.of("*"))
                .register(new RunnerSecretFilter(access::isSecret))
                .register(new RunnerResource(report, access::isSecret))
                .mcpEndpoint(access.requiringPrincipal(mcp), HEARTBEAT, activity)
                .build();
        URI uri;
        try {
            // Registered before the port opens, so no request finds the deployment missing.
            Optional<String> problem = endpoints.register(id,
                    new ServerCommand(settings.argv(), settings.env()), settings.sessionMode());
            problem.ifPresent(p -> LOG.log(System.Logger.Level.WARNING, id + ": the server could not start: " + p));
            uri = server.start();
        } catch (IOException | RuntimeException e) {
            server.stop(Duration.ZERO);
            supervisor.closeAll();
            endpoints.close();
            throw e;
        }
        var maintain = new MaintainMcpSessionsService(endpoints);
        ScheduledExecutorService upkeep = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("catwalk-runner-upkeep").daemon().factory());
        upkeep.scheduleWithFixedDelay(() -> guarded("session upkeep", maintain::maintain), 1, 1, TimeUnit.SECONDS);
        upkeep.scheduleWithFixedDelay(() -> guarded("collecting exits", report::collectCrashes),
                500, 500, TimeUnit.MILLISECONDS);
        return new RunnerApplication(server, uri, supervisor, endpoints, upkeep);
    }

    /** {@code l}, its retained bytes at most a quarter of {@code maxHeap} (as the gateway's) so answers never fill it. */
    static GatewayLimits fitToHeap(GatewayLimits l, long maxHeap) {
        long retained = Math.max(1024 * 1024, Math.min(l.retainedBytes(), maxHeap / 4));
        return new GatewayLimits(l.maxBatch(), l.maxInFlightPerSession(), l.maxInFlightPerDeployment(), retained,
                Math.min(l.unreadTailBytes(), retained / 4), l.maxSessionsPerUser(), l.inputWait());
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, what + " failed", e);
        }
    }

    /** The address bound, with the real port when 0 was asked for. */
    public URI uri() {
        return uri;
    }

    /**
     * As {@code catwalk serve} stops: no new connections, in-flight requests get {@link Application#DRAIN}, then
     * what is still pending is told the runner is shutting down, the server is stopped with its process tree and
     * the sessions end.
     */
    @Override
    public void close() {
        upkeep.shutdownNow();
        CompletableFuture<Void> http = CompletableFuture.runAsync(() -> server.stop(Application.SHUTDOWN_GRACE),
                command -> Thread.ofPlatform().name("catwalk-http-stop").start(command));
        try {
            http.get(Application.DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillBusy) {
            LOG.log(System.Logger.Level.INFO, "ending MCP sessions still open");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "the HTTP server failed to stop cleanly", e.getCause());
        }
        endpoints.shutDown();
        supervisor.closeAll();
        endpoints.close();
        http.join();
    }
}
