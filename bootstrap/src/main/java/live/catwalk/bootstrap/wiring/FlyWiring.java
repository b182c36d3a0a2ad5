package live.catwalk.bootstrap.wiring;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import live.catwalk.adapters.fly.FlyRuntime;
import live.catwalk.adapters.fly.FlyUpstreams;
import live.catwalk.adapters.persistence.Database;
import live.catwalk.bootstrap.config.FlySettings;
import live.catwalk.core.account.usecase.OpenFlyAccountService;
import live.catwalk.core.credential.port.out.SecretCipher;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.mcp.port.out.McpUpstreams;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.SettingName;

/**
 * The runtime of the API's deployments: Fly Machines when Fly is configured (their MCP exchanges forwarded to each
 * machine's runner), else this host. On Fly a deployment runs in its owner's own app with their own token when their
 * settings have both, else in the configured app ({@link FlyPlaces}). The deployments file's deployments always run
 * here. No fallback: a Fly failure is the deployment's, never a silent local start or the operator's token.
 */
final class FlyWiring {

    private static final System.Logger LOG = System.getLogger(FlyWiring.class.getName());

    /** The runtime and upstreams chosen, and the Fly runtime when it is the one. */
    record Chosen(Runtime runtime, McpUpstreams upstreams, Optional<RoutedFlyRuntime> fly) {

        /** The settings users may set: a Fly token and app only when deployments run on Fly. */
        Set<SettingName> settingsInUse() {
            Set<SettingName> inUse = EnumSet.allOf(SettingName.class);
            if (fly.isEmpty()) {
                inUse.removeAll(Set.of(SettingName.FLY_API_TOKEN, SettingName.FLY_APP));
            }
            return inUse;
        }
    }

    private FlyWiring() {
    }

    /**
     * Fly's runtime and upstreams when {@code settings} are given, else {@code local} and {@code here}. On Fly, a
     * deployment's owner is read in {@code database}, and their own Fly settings opened with {@code vault}; a runner
     * the gateway cannot reach is logged and reported to {@code unreachable} (the health probes' cue to probe it now).
     * Every machine's runner gets {@code runnerVariables} (the gateway's MCP limits).
     */
    static Chosen choose(Optional<FlySettings> settings, Map<String, String> runnerVariables, HttpClient http,
                         Runtime local, McpUpstreams here, Database database, SecretCipher vault,
                         Consumer<DeploymentId> unreachable) {
        if (settings.isEmpty()) {
            return new Chosen(local, here, Optional.empty());
        }
        FlySettings fly = settings.get();
        // The runners speak HTTP/1.1 only: a client left at HTTP/2 would offer every request an h2c upgrade.
        HttpClient toRunners = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
        Clients clients = new Clients(http, toRunners);
        FlyPlaces places = new FlyPlaces(place(fly, runnerVariables, clients, fly.token().reveal(), fly.app(), false,
                unreachable),
                database.deployments(), new OpenFlyAccountService(database.settings(), vault),
                (token, app) -> place(fly, runnerVariables, clients, token.reveal(), app, true, unreachable));
        RoutedFlyRuntime runtime = new RoutedFlyRuntime(places);
        LOG.log(System.Logger.Level.INFO, "deployments run on Fly Machines of app " + fly.app() + " (" + fly.image()
                + "), or of their owner's own app");
        return new Chosen(runtime, both(runtime.upstreams(), here), Optional.of(runtime));
    }

    /** The HTTP clients for Fly's Machines API and for the runners. */
    private record Clients(HttpClient api, HttpClient runners) {
    }

    /**
     * A Fly runtime for {@code app} called with {@code token}, with the configured image, runner key, API, region
     * and runner URL template (whose {@code {app}} is this app); its upstreams forward to its runners.
     */
    private static FlyPlaces.Place place(FlySettings fly, Map<String, String> runnerVariables, Clients clients,
                                         String token, String app, boolean own, Consumer<DeploymentId> unreachable) {
        var builder = FlyRuntime.builder(clients.api(), token, app, fly.image(),
                fly.runnerKey().reveal().getBytes(StandardCharsets.UTF_8)).api(fly.api()).runnerUrl(fly.runnerUrl())
                .runnerVariables(runnerVariables)
                // Health is the runner's own /status, not only the machine's state: a dead server shows.
                .pingRunner();
        fly.region().ifPresent(builder::region);
        FlyRuntime runtime = builder.build();
        FlyUpstreams upstreams = new FlyUpstreams(runtime, clients.runners(), fly.answerTimeout(), id -> {
            LOG.log(System.Logger.Level.WARNING, "the runner of deployment " + id + " cannot be reached");
            DeploymentId.parse(id).ifPresent(unreachable);
        });
        return new FlyPlaces.Place(runtime, upstreams, runtime::destroyStrays,
                own ? Optional.of(app) : Optional.empty());
    }

    /**
     * Destroys, every {@code interval} (the first time one interval from now), the machines whose deployment is not
     * wanted running: in the configured app and in every user's own app a runtime was built for.
     */
    static void destroyStraysOn(Chosen chosen, Duration interval, ScheduledExecutorService upkeep,
                                DeploymentRepository deployments) {
        chosen.fly().ifPresent(fly -> upkeep.scheduleWithFixedDelay(() -> {
            try {
                // Read after each place listed its machines: a deployment created meanwhile keeps its new one.
                fly.destroyStrays(() -> deployments.listWantedRunning().stream().map(Deployment::id)
                        .collect(Collectors.toSet()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "looking for stray Fly machines failed: " + e.getMessage());
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Fly's upstreams first, then this host's (the deployments file's). */
    private static McpUpstreams both(McpUpstreams fly, McpUpstreams here) {
        return FlyUpstreams.polling(id -> fly.find(id).or(() -> here.find(id)),
                () -> here.shuttingDown() || fly.shuttingDown());
    }
}
