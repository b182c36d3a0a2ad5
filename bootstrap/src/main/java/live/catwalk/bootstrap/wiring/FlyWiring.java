package live.catwalk.bootstrap.wiring;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import live.catwalk.adapters.fly.FlyRuntime;
import live.catwalk.adapters.fly.FlyUpstreams;
import live.catwalk.bootstrap.config.FlySettings;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.mcp.port.out.McpUpstream;
import live.catwalk.core.mcp.port.out.McpUpstreams;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * The runtime of the API's deployments: Fly Machines when Fly is configured (their MCP exchanges forwarded to each
 * machine's runner), else this host. The deployments file's deployments always run here. No fallback: a Fly failure
 * is the deployment's, never a silent local start.
 */
final class FlyWiring {

    private static final System.Logger LOG = System.getLogger(FlyWiring.class.getName());

    /** The runtime and upstreams chosen, and the Fly runtime when it is the one. */
    record Chosen(Runtime runtime, McpUpstreams upstreams, Optional<FlyRuntime> fly) {
    }

    private FlyWiring() {
    }

    /**
     * Fly's runtime and upstreams when {@code settings} are given, else {@code local} and {@code here}; a runner the
     * gateway cannot reach is logged and reported to {@code unreachable} (the health probes' cue to probe it now).
     */
    static Chosen choose(Optional<FlySettings> settings, HttpClient http, Runtime local, McpUpstreams here,
                         Consumer<DeploymentId> unreachable) {
        if (settings.isEmpty()) {
            return new Chosen(local, here, Optional.empty());
        }
        FlySettings fly = settings.get();
        var builder = FlyRuntime.builder(http, fly.token().reveal(), fly.app(), fly.image(),
                fly.runnerKey().reveal().getBytes(StandardCharsets.UTF_8)).api(fly.api()).runnerUrl(fly.runnerUrl())
                // Health is the runner's own /status, not only the machine's state: a dead server shows.
                .pingRunner();
        fly.region().ifPresent(builder::region);
        FlyRuntime runtime = builder.build();
        FlyUpstreams upstreams = new FlyUpstreams(runtime, http, fly.answerTimeout(), id -> {
            LOG.log(System.Logger.Level.WARNING, "the runner of deployment " + id + " cannot be reached");
            DeploymentId.parse(id).ifPresent(unreachable);
        });
        LOG.log(System.Logger.Level.INFO, "deployments run on Fly Machines of app " + fly.app() + " (" + fly.image()
                + ")");
        return new Chosen(runtime, both(upstreams, here), Optional.of(runtime));
    }

    /**
     * Destroys, every {@code interval} (the first time one interval from now), the machines whose deployment is not
     * wanted running.
     */
    static void destroyStraysOn(Chosen chosen, Duration interval, ScheduledExecutorService upkeep,
                                DeploymentRepository deployments) {
        chosen.fly().ifPresent(fly -> upkeep.scheduleWithFixedDelay(() -> {
            try {
                Set<DeploymentId> known = deployments.listWantedRunning().stream().map(Deployment::id)
                        .collect(Collectors.toSet());
                fly.destroyStrays(known);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "looking for stray Fly machines failed: " + e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Fly's upstreams first, then this host's (the deployments file's). */
    private static McpUpstreams both(McpUpstreams fly, McpUpstreams here) {
        return new McpUpstreams() {
            @Override
            public Optional<McpUpstream> find(String deploymentId) {
                return fly.find(deploymentId).or(() -> here.find(deploymentId));
            }

            @Override
            public Optional<McpUpstream> await(String deploymentId, Duration timeout, Duration recheck,
                                               BooleanSupplier stillWaiting) throws InterruptedException {
                return FlyUpstreams.polled(this, deploymentId, timeout, recheck, stillWaiting);
            }

            @Override
            public boolean shuttingDown() {
                return here.shuttingDown() || fly.shuttingDown();
            }
        };
    }
}
