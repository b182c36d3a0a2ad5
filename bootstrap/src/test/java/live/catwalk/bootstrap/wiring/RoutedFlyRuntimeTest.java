package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.usecase.OpenFlyAccountService;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.credential.fakes.FakeKeyRing;
import live.catwalk.core.credential.fakes.FakeSecretCipher;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.deployment.fakes.FakeRuntime;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.mcp.port.out.McpUpstream;
import live.catwalk.core.mcp.port.out.McpUpstreams;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.store.InMemoryStore;
import live.catwalk.core.store.StoreFixtures;
import live.catwalk.core.store.Stores;
import org.junit.jupiter.api.Test;

/**
 * Which Fly place a deployment runs on (its owner's own app and token, the operator's, or none with the fix as
 * reason), the places kept per user and rebuilt when their token changes, and every runtime call routed to the place
 * the deployment started on.
 */
class RoutedFlyRuntimeTest {

    private static final ServerCommand COMMAND = new ServerCommand(List.of("npx", "-y", "@acme/mcp@1.0.0"), Map.of());

    private final Stores stores = new InMemoryStore().stores();
    private final StoreFixtures fixtures = new StoreFixtures();
    private final FakeSecretCipher cipher = new FakeSecretCipher(FakeKeyRing.writable());
    private final Recording operator = new Recording(Optional.empty());
    /** Every user's place built, in order. */
    private final List<Recording> built = new CopyOnWriteArrayList<>();
    /** What the next user's place built fails with when started; none when null. */
    private CatwalkException nextStartFailure;
    private final FlyPlaces places = new FlyPlaces(operator.place, stores.deployments(),
            new OpenFlyAccountService(stores.settings(), cipher), (token, app) -> {
                Recording own = new Recording(Optional.of(app));
                own.token = token.reveal();
                own.startFailure = nextStartFailure;
                built.add(own);
                return own.place;
            });
    private final RoutedFlyRuntime runtime = new RoutedFlyRuntime(places);

    private final User ada = user("ada");
    private final User bob = user("bob");

    @Test
    void aUserWithTheirOwnTokenAndAppRunsOnTheirAppOthersOnTheOperatorsApp() {
        set(ada, SettingName.FLY_API_TOKEN, "fly-ada-1");
        set(ada, SettingName.FLY_APP, "ada-mcp");
        DeploymentId adas = deployment(ada, "tools");
        DeploymentId bobs = deployment(bob, "tools");

        runtime.start(adas, COMMAND, SessionMode.SHARED);
        runtime.start(bobs, COMMAND, SessionMode.SHARED);

        assertEquals(1, built.size());
        Recording own = built.getFirst();
        assertEquals("fly-ada-1", own.token);
        assertEquals(List.of(adas), own.fake.starts().stream().map(FakeRuntime.Start::id).toList());
        assertEquals(List.of(bobs), operator.fake.starts().stream().map(FakeRuntime.Start::id).toList());
        assertEquals(Set.of(adas, bobs), runtime.deployments());
    }

    @Test
    void everyCallForADeploymentGoesToThePlaceItStartedOnDefaultMethodsIncluded() {
        DeploymentId adas = ownDeployment();
        Recording own = built.getFirst();
        Crash crash = new Crash(OptionalInt.of(1), List.of("boom"), Optional.empty());
        own.fake.set(adas, new RuntimeState.Running()).logLines(adas, List.of("hello")).crash(adas, crash);

        assertEquals(new RuntimeState.Running(), runtime.state(adas));
        assertTrue(runtime.ping(adas, Duration.ofSeconds(1)));
        assertEquals(List.of("hello"), runtime.logs(adas, 10));
        assertEquals(List.of(crash), runtime.takeCrashes(adas));
        assertTrue(runtime.suspends());
        own.fake.idle(adas, true);
        assertTrue(runtime.suspendIfIdle(adas, Duration.ofMinutes(5)));
        assertEquals(List.of(Duration.ofMinutes(5)), own.fake.idleAsked());
        runtime.restart(adas, COMMAND, SessionMode.SHARED);
        assertEquals(List.of(adas), own.fake.restarts().stream().map(FakeRuntime.Start::id).toList());
        runtime.endSessions(adas);
        assertEquals(List.of(adas), own.fake.sessionsEnded());
        runtime.stop(adas);
        assertEquals(List.of(adas), own.fake.stops());
        assertEquals(List.of(), operator.fake.stops(), "nothing of it ever went to the operator's app");
        assertEquals(List.of(), operator.fake.idleAsked());
        assertEquals(List.of(), operator.fake.restarts());
        assertEquals(List.of(), operator.asked, "nor its MCP upstream");
    }

    @Test
    void theUpstreamOfADeploymentIsItsPlacesAndTheOperatorsUntilItHasOne() {
        DeploymentId adas = ownDeployment();
        DeploymentId unknown = fixtures.deploymentId();

        runtime.upstreams().find(adas.value());
        runtime.upstreams().find(unknown.value());

        assertEquals(List.of(adas.value()), built.getFirst().asked);
        assertEquals(List.of(unknown.value()), operator.asked);
    }

    @Test
    void theUsersPlaceIsKeptWhileTheirTokenStaysTheSameAndDroppedWhenItChanges() {
        DeploymentId first = ownDeployment();
        DeploymentId second = deployment(ada, "second");
        runtime.start(second, COMMAND, SessionMode.SHARED);
        assertEquals(1, built.size(), "one place for the same token and app");

        set(ada, SettingName.FLY_API_TOKEN, "fly-ada-2");
        runtime.start(first, COMMAND, SessionMode.SHARED);

        assertEquals(2, built.size());
        assertEquals("fly-ada-2", built.get(1).token);
        assertEquals(List.of(first), built.get(0).fake.stops(), "restarted with the new token: stopped with the old");
        assertEquals(List.of(first), built.get(1).fake.starts().stream().map(FakeRuntime.Start::id).toList());
        assertFalse(places.places().contains(built.get(0).place), "the old token's place is no longer kept");
        assertEquals(Set.of(first, second), runtime.deployments(), "the second still runs where it started");
    }

    @Test
    void aUserWhoClearsTheirOwnFlyRunsOnTheOperatorsAppAgainAndTheOldMachineIsStopped() {
        DeploymentId adas = ownDeployment();
        set(ada, SettingName.FLY_API_TOKEN, "");
        set(ada, SettingName.FLY_APP, "");

        runtime.start(adas, COMMAND, SessionMode.SHARED);

        assertEquals(List.of(adas), built.getFirst().fake.stops());
        assertEquals(List.of(adas), operator.fake.starts().stream().map(FakeRuntime.Start::id).toList());
        assertEquals(List.of(operator.place), places.places());
    }

    @Test
    void aTokenWithoutAnAppFailsTheDeploymentSayingToSetTheAppNeverUsingTheOperatorsToken() {
        set(ada, SettingName.FLY_API_TOKEN, "fly-ada-SECRET");
        DeploymentId adas = deployment(ada, "tools");

        runtime.start(adas, COMMAND, SessionMode.SHARED);

        String reason = assertInstanceOf(RuntimeState.Failed.class, runtime.state(adas)).reason();
        assertTrue(reason.contains("set flyApp"), reason);
        assertFalse(reason.contains("SECRET"), reason);
        assertEquals(List.of(), operator.fake.starts());
        assertEquals(List.of(), built);
        assertFalse(runtime.ping(adas, Duration.ofSeconds(1)));
    }

    @Test
    void anAppWithoutATokenFailsTheDeploymentSayingToSetTheToken() {
        set(ada, SettingName.FLY_APP, "ada-mcp");
        DeploymentId adas = deployment(ada, "tools");

        runtime.start(adas, COMMAND, SessionMode.SHARED);

        String reason = assertInstanceOf(RuntimeState.Failed.class, runtime.state(adas)).reason();
        assertTrue(reason.contains("set flyApiToken"), reason);
        assertEquals(List.of(), operator.fake.starts());
    }

    @Test
    void aFlyRefusalOfTheUsersTokenIsTheDeploymentsFailedReasonNamingTheirSettingsNotTheOperators() {
        nextStartFailure = CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                "Fly refused to list machines (HTTP 401): the token was not accepted").withCode("fly_unauthorized")
                .withHint("check FLY_API_TOKEN: a deploy token of this app (fly tokens create deploy -a <app>)");
        DeploymentId adas = ownDeployment();

        String reason = assertInstanceOf(RuntimeState.Failed.class, runtime.state(adas)).reason();

        assertTrue(reason.startsWith("on your Fly app ada-mcp with your own Fly token: Fly refused to list machines "
                + "(HTTP 401)"), reason);
        assertTrue(reason.contains("check flyApiToken in your settings: a deploy token of ada-mcp"), reason);
        assertFalse(reason.contains("FLY_API_TOKEN") || reason.contains("fly-ada"), reason);
        assertEquals(List.of(adas), built.getFirst().fake.stops(), "nothing half-made is left at Fly");
        assertEquals(List.of(), operator.fake.starts(), "no fallback to the operator's app");

        nextStartFailure = null;
        set(ada, SettingName.FLY_API_TOKEN, "fly-ada-2");
        runtime.start(adas, COMMAND, SessionMode.SHARED);
        assertEquals(new RuntimeState.Starting("process started"), runtime.state(adas), "a new start clears it");
    }

    @Test
    void aFlyFailureThatWaitingWillNotMendFailsTheDeploymentOneThatMayPassIsLeftToTheNextPass() {
        DeploymentId adas = ownDeployment();
        Recording own = built.getFirst();

        own.stateFailure = CatwalkException.of(CatwalkException.Kind.NOT_FOUND,
                "Fly refused to list machines (HTTP 404): no such app or machine").withCode("fly_not_found");
        String reason = assertInstanceOf(RuntimeState.Failed.class, runtime.state(adas)).reason();
        assertTrue(reason.contains("check flyApp in your settings"), reason);

        own.stateFailure = CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                "Fly failed to list machines (HTTP 503)").withCode("fly_unavailable");
        assertThrows(CatwalkException.class, () -> runtime.state(adas));
    }

    @Test
    void afterARestartADeploymentFindsItsPlaceFromItsOwnersSettings() {
        DeploymentId adas = ownDeployment();
        built.getFirst().fake.set(adas, new RuntimeState.Running());
        RoutedFlyRuntime restarted = new RoutedFlyRuntime(new FlyPlaces(operator.place, stores.deployments(),
                new OpenFlyAccountService(stores.settings(), cipher), (token, app) -> built.getFirst().place));

        assertEquals(new RuntimeState.Running(), restarted.state(adas));
        assertEquals(List.of(), operator.fake.starts());
    }

    @Test
    void afterARestartADeploymentThatMovesToItsOwnersAppIsStoppedInTheOperatorsFirst() {
        DeploymentId adas = deployment(ada, "tools");
        runtime.start(adas, COMMAND, SessionMode.SHARED);
        set(ada, SettingName.FLY_API_TOKEN, "fly-ada-1");
        set(ada, SettingName.FLY_APP, "ada-mcp");
        RoutedFlyRuntime restarted = new RoutedFlyRuntime(places);

        restarted.start(adas, COMMAND, SessionMode.SHARED);

        assertEquals(List.of(adas), operator.fake.stops(), "no machine of it is left in the operator's app");
        assertEquals(List.of(adas), built.getFirst().fake.starts().stream().map(FakeRuntime.Start::id).toList());
    }

    @Test
    void strayMachinesAreSweptInTheOperatorsAppAndInEveryUsersAppBuilt() {
        ownDeployment();
        Set<DeploymentId> known = Set.of(fixtures.deploymentId());

        runtime.destroyStrays(() -> known);

        assertEquals(List.of(known), operator.swept);
        assertEquals(List.of(known), built.getFirst().swept);
    }

    @Test
    void aDeploymentThatIsGoneIsStoppedWhereverAMachineOfItIsListed() {
        DeploymentId adas = ownDeployment();
        RoutedFlyRuntime restarted = new RoutedFlyRuntime(places);
        stores.deployments().delete(adas);

        assertEquals(Set.of(adas), restarted.deployments());
        restarted.stop(adas);

        assertEquals(List.of(adas), built.getFirst().fake.stops());
    }

    private DeploymentId ownDeployment() {
        set(ada, SettingName.FLY_API_TOKEN, "fly-ada-1");
        set(ada, SettingName.FLY_APP, "ada-mcp");
        DeploymentId id = deployment(ada, "tools");
        runtime.start(id, COMMAND, SessionMode.SHARED);
        return id;
    }

    private User user(String name) {
        User user = fixtures.user(name);
        stores.users().insert(user);
        return user;
    }

    private DeploymentId deployment(User owner, String name) {
        return stores.deployments().insert(fixtures.deployment(owner.id(), name)).id();
    }

    private void set(User user, SettingName name, String value) {
        if (value.isEmpty()) {
            stores.settings().delete(user.id(), name);
        } else {
            stores.settings().put(user.id(), name, cipher.seal(new SecretValue(value),
                    new SecretScope.OfSetting(user.id(), name)), fixtures.next());
        }
    }

    /** A place over a {@link FakeRuntime} that may fail as a test says, recording its sweeps and upstream lookups. */
    private static final class Recording {
        final FakeRuntime fake = new FakeRuntime();
        final List<Set<DeploymentId>> swept = new ArrayList<>();
        final List<String> asked = new ArrayList<>();
        final FlyPlaces.Place place;
        String token;
        CatwalkException startFailure;
        CatwalkException stateFailure;

        Recording(Optional<String> app) {
            Runtime runtime = new Runtime() {
                @Override
                public void start(DeploymentId id, ServerCommand command, SessionMode mode) {
                    if (startFailure != null) {
                        throw startFailure;
                    }
                    fake.start(id, command, mode);
                }

                @Override
                public void stop(DeploymentId id) {
                    fake.stop(id);
                }

                @Override
                public void endSessions(DeploymentId id) {
                    fake.endSessions(id);
                }

                @Override
                public RuntimeState state(DeploymentId id) {
                    if (stateFailure != null) {
                        throw stateFailure;
                    }
                    return fake.state(id);
                }

                @Override
                public Set<DeploymentId> deployments() {
                    return fake.deployments();
                }

                @Override
                public boolean ping(DeploymentId id, Duration timeout) {
                    return fake.ping(id, timeout);
                }

                @Override
                public List<Crash> takeCrashes(DeploymentId id) {
                    return fake.takeCrashes(id);
                }

                @Override
                public List<String> logs(DeploymentId id, int lines) {
                    return fake.logs(id, lines);
                }

                @Override
                public void restart(DeploymentId id, ServerCommand command, SessionMode mode) {
                    fake.restart(id, command, mode);
                }

                @Override
                public boolean suspendIfIdle(DeploymentId id, Duration idle) {
                    return fake.suspendIfIdle(id, idle);
                }
            };
            McpUpstreams upstreams = new McpUpstreams() {
                @Override
                public Optional<McpUpstream> find(String deploymentId) {
                    asked.add(deploymentId);
                    return Optional.empty();
                }

                @Override
                public Optional<McpUpstream> await(String deploymentId, Duration timeout, Duration recheck,
                                                   java.util.function.BooleanSupplier stillWaiting) {
                    return find(deploymentId);
                }

                @Override
                public boolean shuttingDown() {
                    return false;
                }
            };
            place = new FlyPlaces.Place(runtime, upstreams, known -> swept.add(known.get()), app);
        }
    }
}
