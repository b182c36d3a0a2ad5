package live.catwalk.bootstrap.wiring;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import live.catwalk.adapters.llm.formats.JacksonManifestFormats;
import live.catwalk.adapters.llm.github.GithubApi;
import live.catwalk.adapters.llm.mcpregistry.OfficialMcpRegistry;
import live.catwalk.adapters.llm.openrouter.OpenRouterAdvisor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeoutException;
import live.catwalk.adapters.rest.api.ControlPlane;
import live.catwalk.bootstrap.config.CatwalkConfig;
import live.catwalk.bootstrap.config.ConfigVariable;
import live.catwalk.bootstrap.config.ConfiguredDeployment;
import live.catwalk.bootstrap.config.McpLimits;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.adapters.llm.PackageRegistries;
import live.catwalk.adapters.persistence.Database;
import live.catwalk.adapters.persistence.vault.TinkVault;
import live.catwalk.adapters.rest.HealthResource;
import live.catwalk.adapters.rest.MetricsServer;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.adapters.rest.mcp.McpActivity;
import live.catwalk.adapters.rest.metrics.PrometheusTelemetry;
import live.catwalk.core.deployment.port.out.PackageRegistry;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.limit.RateLimit;
import live.catwalk.core.deployment.domain.FileDeployment;
import live.catwalk.core.deployment.usecase.HealthProbes;
import live.catwalk.core.deployment.usecase.ListFileDeploymentsService;
import live.catwalk.core.deployment.usecase.PinConfiguredDeploymentService;
import live.catwalk.core.health.usecase.CheckHealthService;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.mcp.port.in.ServeMcp;
import live.catwalk.core.mcp.usecase.MaintainMcpSessionsService;
import live.catwalk.core.account.usecase.AuthenticateDeploymentTokenService;
import live.catwalk.core.mcp.usecase.ManageMcpEngineService;
import live.catwalk.core.mcp.usecase.ServeMcpService;
import live.catwalk.core.mcp.engine.McpEndpoints;
import live.catwalk.runner.ChildLedger;
import live.catwalk.runner.LocalRuntime;
import live.catwalk.runner.ProcessSupervisor;

/**
 * The composition root: news every component in dependency order from the parsed configuration, and
 * closes them in reverse. Nothing else in Catwalk creates adapters.
 */
public final class Application implements AutoCloseable {

    /** The whole stop, from the signal to the last process gone, stays under 10 s. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(8);
    /** In-flight requests (MCP calls included) get this long to finish before sessions are ended. */
    public static final Duration DRAIN = Duration.ofSeconds(3);
    /** How often the reconciler compares what should run with what runs: under the supervisor's first restart delay (1 s), so a crash is always seen. */
    static final Duration RECONCILE_EVERY = Duration.ofMillis(500);
    private static final System.Logger LOG = System.getLogger(Application.class.getName());

    private final RestServer server;
    private final URI uri;
    private final ProcessSupervisor supervisor;
    private final McpEndpoints endpoints;
    private final ScheduledExecutorService upkeep;
    /** Where the reconciler's health pings run, one virtual thread each, so a hung server blocks no pass. */
    private final ExecutorService probes;
    /** Where repository analyses run: a few at once, a bounded queue behind them. */
    private final ExecutorService analyses;
    private final Database database;
    private final ControlPlane api;
    private final ServeMcp mcp;
    private final Optional<MetricsServer> metricsServer;

    private Application(RestServer server, URI uri, ProcessSupervisor supervisor, McpEndpoints endpoints,
                        ScheduledExecutorService upkeep, ExecutorService probes, ExecutorService analyses,
                        Database database, ControlPlane api, ServeMcp mcp, Optional<MetricsServer> metricsServer) {
        this.metricsServer = metricsServer;
        this.api = api;
        this.mcp = mcp;
        this.server = server;
        this.uri = uri;
        this.supervisor = supervisor;
        this.endpoints = endpoints;
        this.upkeep = upkeep;
        this.probes = probes;
        this.analyses = analyses;
        this.database = database;
    }

    /**
     * Builds everything and starts serving; {@code environment} is the server's own, from which the MCP
     * servers inherit only non-secret basics. Takes ownership of the opened database (closed with the
     * application, or at once if starting fails). Throws {@link IOException} when the address cannot be bound.
     */
    static Application start(CatwalkConfig config, List<ConfiguredDeployment> deployments,
                             Map<String, String> environment, String version, Database database, TinkVault vault,
                             PrintStream console) throws IOException {
        return start(config, deployments, environment, version, database, vault, console, Sandboxes.Choice.off());
    }

    /** As above, with servers run in the chosen sandbox. */
    static Application start(CatwalkConfig config, List<ConfiguredDeployment> deployments,
                             Map<String, String> environment, String version, Database database, TinkVault vault,
                             PrintStream console, Sandboxes.Choice sandbox) throws IOException {
        Clock clock = Clock.systemUTC();
        PrometheusTelemetry metrics = PrometheusTelemetry.create();
        ProcessSupervisor supervisor = ProcessSupervisor.builder().baseEnvironment(environment).telemetry(metrics)
                .sandbox(sandbox.sandbox()).maxProcesses(config.servers().maxProcesses())
                .childLedger(ChildLedger.reapAndOpen(config.storage().home().resolve("run").resolve("children")))
                .build();
        GatewaySettings gateway = gatewaySettings(config);
        GatewayLimits limits = gatewayLimits(config, Runtime.getRuntime().maxMemory());
        McpEndpoints endpoints = new McpEndpoints(supervisor, new SecureSessionIds(), clock, gateway, limits, version);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        PackageRegistry registry = PackageRegistries.builder(http).npmBaseUri(config.registries().npm())
                .pypiBaseUri(config.registries().pypi())
                .settingNames(ConfigVariable.NPM_REGISTRY.envName, ConfigVariable.PYPI_INDEX.envName).build();
        // The file's packages are pinned as the API pins them; one that cannot be is FAILED, never run unpinned.
        List<FileDeployment> fromFile = FileDeployments.start(deployments, new PinConfiguredDeploymentService(registry),
                endpoints);
        LocalRuntime runtime = new LocalRuntime(new ManageMcpEngineService(endpoints),
                id -> sessionTenant(database, id));
        ExecutorService probes = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("catwalk-health-", 0).factory());
        ExecutorService analyses = analysisExecutor();
        AtomicReference<HealthProbes> probing = new AtomicReference<>();
        FlyWiring.Chosen chosen = FlyWiring.choose(config.fly(), McpLimits.variables(config.limits()), http,
                runtime, endpoints, database, vault,
                id -> probing.get().recheck(id)); // set below, before any request
        probing.set(new HealthProbes(chosen.runtime(), ControlPlaneWiring.PING_TIMEOUT, clock, probes,
                config.servers().healthInterval(), ControlPlaneWiring.MAX_PROBES));
        ControlPlaneWiring.Wired plane = ControlPlaneWiring.wire(database, vault, registry, chosen.runtime(),
                new SecureRandomness(), clock, config.publicUrl(), config.quotas(), sandbox.usersMayRunPackages(),
                supervisor.programs(), new ListFileDeploymentsService(fromFile, runtime),
                probing.get(), analysisSources(config.analysis(), config.rates().analysesPerUser(), http, analyses),
                chosen.settingsInUse(), new ReconcilePasses(config.fly().isEmpty()));
        AtomicReference<RestServer> bound = new AtomicReference<>();
        var oauth = new OAuthWiring(database, deployments, () -> bound.get().linkBase(), clock, config.oauth());
        var access = oauth.mcpAccess(new AuthenticateDeploymentTokenService(plane.tokens(), clock));
        var states = new StoredDeploymentStates(database.deployments(), fromFile);
        var mcp = new ServeMcpService(gateway, limits, access, states, chosen.upstreams(), metrics);
        McpActivity activity = new McpActivity();
        metrics.watch(MetricsWiring.gauges(endpoints, activity, supervisor, database));
        // Catwalk's own components; deployments appear only as totals (mcp), never as its health.
        var health = new CheckHealthService(version,
                List.of(new JvmHealthProbe(), database.healthProbe(), new VaultHealthProbe(vault),
                        new RuntimeHealthProbe(sandbox, clock), new McpHealthProbe(endpoints)));
        RestServer server = MetricsWiring.onMainListener(config.metrics(), metrics,
                plane.api().accounts().authenticate(), RestServer.builder(config.bind(), config.port()))
                .maxBodyBytes(config.maxBodyBytes())
                .allowedHosts(gateway.allowedHosts())
                .readTimeouts(config.readTimeouts().headers(), config.readTimeouts().body())
                .rateLimits(config.rates().edge(), clock)
                .register(new HealthResource(health))
                .controlPlane(plane.api())
                .authorizationServer(oauth.authorizationServer(metrics))
                .githubSignIn(GitHubWiring.signIn(config, http, database, plane, () -> bound.get().linkBase(), clock))
                .mcpEndpoint(mcp, config.mcp().heartbeat(), activity)
                .build();
        bound.set(server);
        URI uri;
        Optional<MetricsServer> metricsServer;
        try {
            uri = server.start();
            metricsServer = MetricsWiring.ownListener(config.metrics(), metrics, gateway.allowedHosts());
            // Only once the port is bound: a server that cannot start must not hand out an admin token.
            FirstAdmin.ensure(plane.ensureAdmin(), config.storage().home(), config.storage().adminTokenFile(), console);
        } catch (IOException | RuntimeException e) {
            server.stop(Duration.ZERO);
            probes.shutdownNow();
            analyses.shutdownNow();
            supervisor.closeAll();
            endpoints.close();
            database.close();
            throw e;
        }
        var maintain = new MaintainMcpSessionsService(endpoints);
        ScheduledExecutorService upkeep = Executors.newScheduledThreadPool(2,
                Thread.ofPlatform().name("catwalk-upkeep-", 0).daemon().factory());
        upkeep.scheduleWithFixedDelay(() -> guarded("session upkeep", maintain::maintain), 1, 1, TimeUnit.SECONDS);
        // The first pass runs at once: deployments that should run are started again after a restart.
        upkeep.scheduleWithFixedDelay(() -> guarded("reconciling deployments", plane.reconcile()::reconcile),
                0, RECONCILE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        oauth.pruneOn(upkeep);
        config.fly().ifPresent(f -> FlyWiring.destroyStraysOn(chosen, f.strayInterval(), upkeep, database.deployments()));
        return new Application(server, uri, supervisor, endpoints, upkeep, probes, analyses, database, plane.api(), mcp,
                metricsServer);
    }

    /** At most {@value #ANALYSES_AT_ONCE} analyses run at once and {@value #ANALYSES_QUEUED} wait; more are refused. */
    static ExecutorService analysisExecutor() {
        return new ThreadPoolExecutor(ANALYSES_AT_ONCE, ANALYSES_AT_ONCE, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(ANALYSES_QUEUED),
                Thread.ofPlatform().name("catwalk-analysis-", 0).daemon().factory());
    }

    static final int ANALYSES_AT_ONCE = 4;
    static final int ANALYSES_QUEUED = 64;

    /**
     * GitHub, the MCP registry and OpenRouter at their configured URLs, over the shared bounded client; each user may
     * start {@code perUser} analyses a window.
     */
    static ControlPlaneWiring.AnalysisSources analysisSources(CatwalkConfig.Analysis config,
                                                             Optional<RateLimit> perUser, HttpClient http,
                                                             ExecutorService executor) {
        GithubApi.Builder github = GithubApi.builder(http).baseUri(config.githubApi())
                .settingName(ConfigVariable.GITHUB_API_URL.envName);
        config.githubToken().ifPresent(github::token);
        OpenRouterAdvisor.Builder openRouter = OpenRouterAdvisor.builder(http).baseUri(config.openRouter());
        config.openRouterKey().ifPresent(openRouter::serverKey);
        config.openRouterModel().ifPresent(openRouter::model);
        return new ControlPlaneWiring.AnalysisSources(github.build(), new JacksonManifestFormats(), openRouter.build(),
                OfficialMcpRegistry.builder(http).baseUri(config.mcpRegistry())
                        .settingName(ConfigVariable.MCP_REGISTRY_URL.envName).build(), executor, perUser);
    }

    private static void guarded(String what, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, what + " failed", e);
        }
    }

    static GatewaySettings gatewaySettings(CatwalkConfig config) {
        CatwalkConfig.Mcp mcp = config.mcp();
        GatewaySettings d = GatewaySettings.defaults();
        // The public URL's host is where clients reach Catwalk, so the MCP endpoints must answer to it.
        Set<String> hosts = new HashSet<>(mcp.allowedHosts());
        config.publicUrl().map(URI::getHost).ifPresent(hosts::add);
        // The links the API returns without a public URL name the bind address; it must answer to them.
        if (!config.bind().equals("0.0.0.0") && !config.bind().replaceAll("[\\[\\]]", "").matches("[0:]+")) {
            hosts.add(config.bind().contains(":") && !config.bind().startsWith("[") ? "[" + config.bind() + "]"
                    : config.bind());
        }
        return new GatewaySettings(hosts, mcp.allowedOrigins(), config.maxBodyBytes(), d.jsonWindow(),
                mcp.idleTimeout(), mcp.maxSessions(), mcp.maxChildren(), mcp.requestTimeout(), d.startTimeout(),
                d.eventLogEvents(), d.eventLogBytes(), d.retryMillis());
    }

    /** Whose per-user session limit a deployment's sessions count against: its owner, unless an admin. */
    static String sessionTenant(Database database, DeploymentId id) {
        return database.deployments().find(id).flatMap(d -> database.users().find(d.owner()))
                .filter(user -> user.role() != Role.ADMIN).map(user -> user.id().value().toString()).orElse(null);
    }

    /** The configured budgets, the retained bytes at most a quarter of {@code maxHeap} so answers never fill it. */
    static GatewayLimits gatewayLimits(CatwalkConfig config, long maxHeap) {
        GatewayLimits l = config.limits();
        long retained = Math.max(1024 * 1024, Math.min(l.retainedBytes(), maxHeap / 4));
        return new GatewayLimits(l.maxBatch(), l.maxInFlightPerSession(), l.maxInFlightPerDeployment(), retained,
                Math.min(l.unreadTailBytes(), retained / 4), l.maxSessionsPerUser(), l.inputWait());
    }

    public URI uri() {
        return uri;
    }

    /** The control plane's use cases, as the REST API serves them. */
    public ControlPlane api() {
        return api;
    }

    /** One MCP exchange ({@code /mcp/{id}}: POST, GET or DELETE), exactly as the HTTP endpoint serves it. */
    public McpHttpResponse mcp(McpHttpRequest request) {
        return mcp.serve(request);
    }

    /**
     * Stops accepting connections, lets in-flight requests finish for a few seconds, then answers what is
     * still pending (and any request waiting for a start) that Catwalk is shutting down, stops every MCP
     * server (their trees in parallel) and ends the sessions, which ends open streams, and finally lets the
     * HTTP server finish.
     */
    @Override
    public void close() {
        upkeep.shutdownNow();
        metricsServer.ifPresent(MetricsServer::close);
        probes.shutdownNow(); // a ping still waiting is interrupted: nothing reads its answer any more
        analyses.shutdownNow(); // an analysis under way is abandoned: its job lived in memory only
        try {
            // A reconcile pass may be starting a server; let it finish so closeAll below sees that server.
            upkeep.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        CompletableFuture<Void> http = CompletableFuture.runAsync(() -> server.stop(SHUTDOWN_GRACE),
                command -> Thread.ofPlatform().name("catwalk-http-stop").start(command));
        try {
            http.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillBusy) {
            LOG.log(System.Logger.Level.INFO, "ending MCP sessions still open");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "the HTTP server failed to stop cleanly", e.getCause());
        }
        // Before the servers are killed: clients are told Catwalk is shutting down, not that their server exited.
        endpoints.shutDown();
        supervisor.closeAll();
        endpoints.close();
        http.join();
        database.close();
    }
}
