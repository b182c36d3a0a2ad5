package live.catwalk.adapters.fly;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static live.catwalk.adapters.fly.FlyStubs.MACHINES;
import static live.catwalk.adapters.fly.FlyStubs.calls;
import static live.catwalk.adapters.fly.FlyStubs.list;
import static live.catwalk.adapters.fly.FlyStubs.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scale to zero and recovery on the Machines API: an idle machine (as its runner's {@code /status} says) is
 * suspended, a request resumes it (one start however many requests wait), and an unhealthy one is restarted in place.
 */
class FlyScaleToZeroIT {

    @RegisterExtension
    static final WireMockExtension FLY = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final WireMockExtension RUNNER = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    private static final DeploymentId D1 = new DeploymentId("d1");
    private static final String ALL = MACHINES + "?metadata.catwalk_deployment";

    private final FlyStubs.TestClock clock = new FlyStubs.TestClock(Duration.ZERO);

    private FlyRuntime runtime(String state) {
        FLY.stubFor(get(urlPathMatching(MACHINES)).willReturn(okJson(list(machine("m1", state, "d1")))));
        return FlyStubs.builder(FLY, "tok", clock, FlyStubs.pauses()).runnerUrl(RUNNER.baseUrl() + "/vm/{machine}")
                .build();
    }

    private static void runnerSays(int inFlight, long idleSeconds) {
        RUNNER.stubFor(get("/vm/m1/status").willReturn(okJson("{\"alive\":true,\"restarts\":0,\"uptimeSeconds\":900,"
                + "\"sessions\":1,\"inFlight\":" + inFlight + ",\"idleSeconds\":" + idleSeconds + "}")));
    }

    private static List<String> actions() {
        return calls(FLY).stream().filter(c -> !c.startsWith("GET " + ALL) && !c.equals("GET " + MACHINES)).toList();
    }

    @Test
    void aMachineIsSuspendedOnlyWhenItsRunnerHasBeenIdleThatLong() {
        FLY.stubFor(post(MACHINES + "/m1/suspend").willReturn(okJson("{\"ok\":true}")));
        FlyRuntime runtime = runtime("started");

        runnerSays(1, 0);
        assertFalse(runtime.suspendIfIdle(D1, Duration.ofMinutes(1)), "a request is in flight");
        runnerSays(0, 59);
        assertFalse(runtime.suspendIfIdle(D1, Duration.ofMinutes(1)), "idle, but not for a minute yet");
        RUNNER.stubFor(get("/vm/m1/status").willReturn(aResponse().withStatus(500)));
        assertFalse(runtime.suspendIfIdle(D1, Duration.ofMinutes(1)), "a runner that does not say is not idle");
        assertEquals(List.of(), actions());

        runnerSays(0, 61);
        assertTrue(runtime.suspendIfIdle(D1, Duration.ofMinutes(1)));

        assertEquals(List.of("POST " + MACHINES + "/m1/suspend"), actions());
        assertInstanceOf(RuntimeState.Suspended.class, runtime.state(D1));
        assertTrue(runtime.deployments().contains(D1), "a suspended machine is still the deployment's");
        assertTrue(runtime.serves(D1), "requests still find it");
        assertEquals(Optional.empty(), runtime.runner(D1), "but not until it is resumed");
        assertFalse(runtime.suspendIfIdle(D1, Duration.ofMinutes(1)), "suspended once");
    }

    @Test
    void requestsThatFindTheMachineSuspendedResumeItOnceAndAllGetItsRunner() throws Exception {
        FLY.stubFor(post(MACHINES + "/m1/start").willReturn(okJson("{\"previous_state\":\"suspended\"}")
                .withFixedDelay(300)));
        FLY.stubFor(get(urlPathMatching(MACHINES + "/m1/wait")).willReturn(okJson("{\"ok\":true}")));
        FlyRuntime runtime = runtime("suspended");
        assertInstanceOf(RuntimeState.Suspended.class, runtime.state(D1));

        List<Future<Optional<RunnerForwarder.Runner>>> waiting = new ArrayList<>();
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 4; i++) {
                waiting.add(requests.submit(() -> runtime.resumed(D1)));
            }
        }

        for (Future<Optional<RunnerForwarder.Runner>> request : waiting) {
            assertEquals(RUNNER.baseUrl() + "/vm/m1/", request.get().orElseThrow().base().toString());
        }
        assertEquals(List.of("POST " + MACHINES + "/m1/start",
                "GET " + MACHINES + "/m1/wait?state=started&timeout=60"), actions(), "one resume for them all");
        assertInstanceOf(RuntimeState.Running.class, runtime.state(D1));
    }

    @Test
    void aResumeFlyRefusesLeavesTheRequestWithoutARunner() {
        FLY.stubFor(post(MACHINES + "/m1/start").willReturn(aResponse().withStatus(422)
                .withBody("{\"error\":\"machine is not in a state to be started\"}")));
        FlyRuntime runtime = runtime("suspended");

        assertEquals(Optional.empty(), runtime.resumed(D1));
        assertInstanceOf(RuntimeState.Suspended.class, runtime.state(D1));
    }

    @Test
    void restartRestartsTheMachineInPlaceAndWaitsForIt() {
        FLY.stubFor(post(MACHINES + "/m1/restart").willReturn(okJson("{\"ok\":true}")));
        FLY.stubFor(get(urlPathMatching(MACHINES + "/m1/wait")).willReturn(okJson("{\"ok\":true}")));
        FlyRuntime runtime = runtime("started");

        runtime.restart(D1, new ServerCommand(List.of("npx", "x"), java.util.Map.of()), SessionMode.SHARED);

        assertEquals(List.of("POST " + MACHINES + "/m1/restart",
                "GET " + MACHINES + "/m1/wait?state=started&timeout=60"), actions(), "no new machine, no new secret");
        assertInstanceOf(RuntimeState.Running.class, runtime.state(D1));
    }
}
