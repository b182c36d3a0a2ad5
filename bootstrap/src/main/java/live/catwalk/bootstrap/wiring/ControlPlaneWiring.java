package live.catwalk.bootstrap.wiring;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.Optional;
import java.util.Set;
import live.catwalk.adapters.persistence.Database;
import live.catwalk.adapters.rest.api.ControlPlane;
import live.catwalk.core.account.port.in.EnsureAdmin;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.SettingsRepository;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.account.port.out.UserRepository;
import live.catwalk.core.account.usecase.AuthenticateService;
import live.catwalk.core.account.usecase.BrowserSessionsService;
import live.catwalk.core.analysis.port.out.ManifestFormats;
import live.catwalk.core.analysis.port.out.McpRegistry;
import live.catwalk.core.analysis.port.out.ModelAdvisor;
import live.catwalk.core.analysis.port.out.RepositoryHost;
import live.catwalk.core.analysis.usecase.AnalyseRepositoryService;
import live.catwalk.core.analysis.usecase.BrowseMcpRegistryService;
import live.catwalk.core.analysis.usecase.DeployAnalysisService;
import live.catwalk.core.account.usecase.CreateUserService;
import live.catwalk.core.deployment.usecase.DisableUserService;
import live.catwalk.core.oauth.usecase.ConnectedAppsService;
import live.catwalk.core.account.usecase.EnableUserService;
import live.catwalk.core.account.usecase.EnsureAdminService;
import live.catwalk.core.account.usecase.GetMeService;
import live.catwalk.core.account.usecase.IssueTokenService;
import live.catwalk.core.account.usecase.ListTokensService;
import live.catwalk.core.account.usecase.ListUserTokensService;
import live.catwalk.core.account.usecase.ListUsersService;
import live.catwalk.core.account.usecase.ReadSettingsService;
import live.catwalk.core.account.usecase.RevokeTokenService;
import live.catwalk.core.account.usecase.UpdateSettingsService;
import live.catwalk.core.deployment.port.out.PackageRegistry;
import live.catwalk.core.credential.port.out.CredentialRepository;
import live.catwalk.core.credential.port.out.SecretCipher;
import live.catwalk.core.credential.usecase.OpenCredentialsService;
import live.catwalk.core.credential.usecase.ReplaceCredentialsService;
import live.catwalk.core.deployment.domain.DeploymentQuotas;
import live.catwalk.core.deployment.port.in.Reconcile;
import live.catwalk.core.deployment.port.in.ListFileDeployments;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.EventLog;
import live.catwalk.core.deployment.port.out.Programs;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.deployment.usecase.CreateDeploymentService;
import live.catwalk.core.deployment.usecase.DeleteDeploymentService;
import live.catwalk.core.deployment.usecase.GetDeploymentService;
import live.catwalk.core.deployment.usecase.ListDeploymentEventsService;
import live.catwalk.core.deployment.usecase.ListDeploymentsService;
import live.catwalk.core.deployment.usecase.ReadDeploymentLogsService;
import live.catwalk.core.deployment.usecase.HealthProbes;
import live.catwalk.core.deployment.usecase.ReconcileService;
import live.catwalk.core.deployment.usecase.ReplaceDeploymentEnvService;
import live.catwalk.core.deployment.usecase.RestartDeploymentService;
import live.catwalk.core.deployment.usecase.RotateDeploymentTokenService;
import live.catwalk.core.deployment.usecase.StartDeploymentService;
import live.catwalk.core.deployment.usecase.StopDeploymentService;
import live.catwalk.core.shared.limit.RateLimit;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.shared.port.out.Randomness;

/** News the control plane's use cases over the database, the vault, the registries and the runtime. */
final class ControlPlaneWiring {

    /** How long the reconciler waits for a deployment's server to answer its health ping. */
    static final Duration PING_TIMEOUT = Duration.ofSeconds(5);
    /** Health pings running at once over all deployments; more wait for a later pass. */
    static final int MAX_PROBES = 32;

    /** What the composition root needs: the REST API's use cases, the reconciler, the first-admin step. */
    record Wired(ControlPlane api, Reconcile reconcile, EnsureAdmin ensureAdmin, TokenRepository tokens,
                 BrowserSessionsService sessions) {
    }

    private ControlPlaneWiring() {
    }

    /**
     * The control plane over {@code database}: {@code sandboxed} says whether plain users' packages may run (in a
     * sandbox, or CATWALK_SANDBOX=off), {@code programs} whether a deployment's program — npx, uvx, a command — is
     * there to start it; the deployments file's deployments are listed (read-only) by the API, {@code probes} ping
     * running servers for the reconciler, analyses read through {@code analysis} and run on its executor, and users
     * may set the settings {@code settingsInUse} only; the reconciler runs its passes through {@code passes}.
     */
    static Wired wire(Database database, SecretCipher cipher, PackageRegistry registry, Runtime runtime,
                      Randomness random, Clock clock, Optional<URI> publicUrl, DeploymentQuotas quotas,
                      boolean sandboxed, Programs programs, ListFileDeployments fileDeployments,
                      HealthProbes probes, AnalysisSources analysis, Set<SettingName> settingsInUse,
                      ReconcilePasses passes) {
        Stores db = Stores.over(database, clock, passes);
        var replaceCredentials = new ReplaceCredentialsService(cipher, db.credentials());
        var authenticate = new AuthenticateService(db.tokens(), db.users(), db.auditLog(), clock);
        var sessions = new BrowserSessionsService(authenticate, db.tokens(), db.users(), random, clock);
        var accounts = new ControlPlane.Accounts(
                authenticate,
                new GetMeService(db.users()),
                new IssueTokenService(db.tokens(), db.auditLog(), random, clock),
                new ListTokensService(db.tokens()),
                new RevokeTokenService(db.tokens(), db.auditLog(), clock),
                new ReadSettingsService(db.settings()),
                new UpdateSettingsService(db.settings(), cipher, db.auditLog(), clock),
                new CreateUserService(db.users(), db.tokens(), db.auditLog(), random, clock),
                new ListUsersService(db.users()),
                new DisableUserService(db.users(), db.tokens(), database.oauth()::revokeGrantsOfUser, db.deployments(), db.events(),
                        runtime, db.auditLog(), clock),
                new EnableUserService(db.users(), db.tokens(), db.auditLog(), random, clock),
                new ListUserTokensService(db.users(), db.tokens()),
                sessions);
        var deployments = new ControlPlane.Deployments(
                new CreateDeploymentService(db.deployments(), db.events(), db.tokens(), db.auditLog(),
                        replaceCredentials, registry, random, clock, quotas, sandboxed, programs, runtime.suspends()),
                new GetDeploymentService(db.deployments()),
                new ListDeploymentsService(db.deployments()),
                new StopDeploymentService(db.deployments(), db.events(), runtime, db.auditLog(), clock),
                new StartDeploymentService(db.deployments(), db.events(), db.auditLog(), clock, quotas, sandboxed),
                new RestartDeploymentService(db.deployments(), db.events(), runtime, db.auditLog(), clock, quotas),
                new DeleteDeploymentService(db.deployments(), runtime, db.auditLog(), clock),
                new ReplaceDeploymentEnvService(db.deployments(), db.events(), replaceCredentials, runtime,
                        db.auditLog(), clock, quotas),
                new RotateDeploymentTokenService(db.deployments(), db.tokens(), db.auditLog(), random, clock,
                        runtime),
                new ListDeploymentEventsService(db.deployments(), db.events()),
                new ReadDeploymentLogsService(db.deployments(), runtime), fileDeployments);
        passes.drive(new ReconcileService(db.deployments(), db.events(), runtime,
                new OpenCredentialsService(cipher, db.credentials()), clock, probes, db.users(), sandboxed,
                programs));
        var ensureAdmin = new EnsureAdminService(db.users(), db.tokens(), db.auditLog(), random, clock);
        var analyse = new AnalyseRepositoryService(new AnalyseRepositoryService.Sources(analysis.host(),
                analysis.formats(), registry, analysis.mcpRegistry(), analysis.model(), database.analysisCache()),
                db.settings(), cipher,
                analysis.executor(), random, clock, analysis.startsPerUser());
        var analyses = new ControlPlane.Analyses(analyse, analyse, new DeployAnalysisService(analyse,
                deployments.create()), new BrowseMcpRegistryService(analysis.mcpRegistry()));
        var apps = new ConnectedAppsService(database.oauth(), database.deployments(), clock);
        return new Wired(new ControlPlane(accounts, deployments, analyses, apps, publicUrl, settingsInUse), passes,
                ensureAdmin, db.tokens(), sessions);
    }

    /**
     * Where analyses read (GitHub, TOML/YAML, a model, the MCP registry), where they run, and how many one user may
     * start a window (empty: no such bound).
     */
    record AnalysisSources(RepositoryHost host, ManifestFormats formats, ModelAdvisor model, McpRegistry mcpRegistry,
                           Executor executor, Optional<RateLimit> startsPerUser) {
    }

    /**
     * The database's repositories, with deployment tokens cached for the MCP hot path, and events that start a
     * reconcile pass at once when a deployment becomes PENDING.
     */
    private record Stores(UserRepository users, TokenRepository tokens, SettingsRepository settings, AuditLog auditLog,
                          DeploymentRepository deployments, EventLog events, CredentialRepository credentials) {

        static Stores over(Database database, Clock clock, ReconcilePasses passes) {
            CachingTokens tokens = new CachingTokens(database.tokens(), clock);
            return new Stores(database.users(), tokens, database.settings(), database.auditLog(),
                    new DeletionAwareDeployments(database.deployments(), tokens), passes.watching(database.events()),
                    database.credentials());
        }
    }
}
