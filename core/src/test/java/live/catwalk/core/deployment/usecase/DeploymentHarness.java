package live.catwalk.core.deployment.usecase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.deployment.fakes.FakePackageRegistry;
import live.catwalk.core.credential.fakes.FakeKeyRing;
import live.catwalk.core.credential.fakes.FakeSecretCipher;
import live.catwalk.core.credential.usecase.OpenCredentialsService;
import live.catwalk.core.credential.usecase.ReplaceCredentialsService;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentQuotas;
import live.catwalk.core.deployment.domain.PackageRef.Registry;
import live.catwalk.core.deployment.fakes.FakeRuntime;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import live.catwalk.core.deployment.port.out.Programs;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.shared.fakes.FakeRandomness;
import live.catwalk.core.store.InMemoryStore;
import live.catwalk.core.store.StoreFixtures;
import live.catwalk.core.store.Stores;

/** Every deployment use case wired over the fakes, with two users and an admin; a new one per test. */
final class DeploymentHarness {

    static final String EVERYTHING = "@modelcontextprotocol/server-everything";

    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T09:00:00Z"));
    final Stores stores = new InMemoryStore().stores();
    final FakeSecretCipher cipher = new FakeSecretCipher(FakeKeyRing.writable());
    final FakePackageRegistry registry = new FakePackageRegistry()
            .publish(Registry.NPM, EVERYTHING, "1.0.0", "2.0.0")
            .publish(Registry.PYPI, "mcp-server-git", "2025.1.14");
    final FakeRandomness randomness = new FakeRandomness();
    final FakeRuntime runtime = new FakeRuntime();
    final ReplaceCredentialsService replaceCredentials = new ReplaceCredentialsService(cipher, stores.credentials());
    final OpenCredentialsService openCredentials = new OpenCredentialsService(cipher, stores.credentials());

    final Principal ada;
    final Principal bob;
    final Principal root;

    /** Programs a test took away from this host (e.g. {@code uvx}); every other one is there. */
    final Set<String> missingPrograms = ConcurrentHashMap.newKeySet();
    final Programs programs = program -> !missingPrograms.contains(program);
    final CreateDeploymentService create = new CreateDeploymentService(stores.deployments(), stores.events(),
            stores.tokens(), stores.audit(), replaceCredentials, registry, randomness, clock, DeploymentQuotas.UNLIMITED,
            true, programs, runtime.suspends());
    final GetDeploymentService get = new GetDeploymentService(stores.deployments());
    final ListDeploymentsService list = new ListDeploymentsService(stores.deployments());
    final StopDeploymentService stop = new StopDeploymentService(stores.deployments(), stores.events(), runtime,
            stores.audit(), clock);
    final StartDeploymentService start = new StartDeploymentService(stores.deployments(), stores.events(),
            stores.audit(), clock);
    final RestartDeploymentService restart = new RestartDeploymentService(stores.deployments(), stores.events(),
            runtime, stores.audit(), clock);
    final DeleteDeploymentService delete = new DeleteDeploymentService(stores.deployments(), runtime, stores.audit(),
            clock);
    final ReplaceDeploymentEnvService replaceEnv = new ReplaceDeploymentEnvService(stores.deployments(),
            stores.events(), replaceCredentials, runtime, stores.audit(), clock);
    final RotateDeploymentTokenService rotate = new RotateDeploymentTokenService(stores.deployments(), stores.tokens(),
            stores.audit(), randomness, clock, runtime);
    final ListDeploymentEventsService events = new ListDeploymentEventsService(stores.deployments(), stores.events());
    final ReadDeploymentLogsService logs = new ReadDeploymentLogsService(stores.deployments(), runtime);
    final ReconcileService reconcile = newReconciler();

    /** A reconciler as a freshly started Catwalk has (it remembers nothing of earlier passes). */
    ReconcileService newReconciler() {
        return new ReconcileService(stores.deployments(), stores.events(), runtime, openCredentials, clock,
                HealthProbes.inline(runtime, Duration.ofSeconds(2), clock), stores.users(), true, programs);
    }

    DeploymentHarness() {
        StoreFixtures fixtures = new StoreFixtures();
        ada = principal(fixtures.user("ada"));
        bob = principal(fixtures.user("bob"));
        root = principal(fixtures.admin("root"));
    }

    private Principal principal(User user) {
        stores.users().insert(user);
        return new Principal(user.id(), user.role(), new TokenId(UUID.randomUUID()));
    }

    /** A valid request: the everything server from npm, latest version, one variable. */
    static CreateDeployment.Command request(Principal caller, String name) {
        return new CreateDeployment.Command(caller, name,
                Optional.of(new CreateDeployment.PackageRequest("npm", EVERYTHING, Optional.empty())),
                Optional.empty(), Map.of("API_KEY", "sk-123"), Optional.empty());
    }

    /** A command request (argv), otherwise like {@link #request}. */
    static CreateDeployment.Command commandRequest(Principal caller, String name, List<String> argv) {
        return new CreateDeployment.Command(caller, name, Optional.empty(), Optional.of(argv), Map.of(),
                Optional.empty());
    }

    CreateDeployment.Result.Created created(Principal caller, String name) {
        return (CreateDeployment.Result.Created) create.create(request(caller, name));
    }

    Deployment deployment(Principal caller, String name) {
        return created(caller, name).deployment();
    }

    Deployment stored(Deployment deployment) {
        return stores.deployments().find(deployment.id()).orElseThrow();
    }

    /** A reconcile pass a second later than the last one. */
    void pass() {
        clock.advance(Duration.ofSeconds(1));
        reconcile.reconcile();
    }
}
