package live.catwalk.adapters.fly;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static live.catwalk.adapters.fly.FlyStubs.MACHINES;
import static live.catwalk.adapters.fly.FlyStubs.calls;
import static live.catwalk.adapters.fly.FlyStubs.list;
import static live.catwalk.adapters.fly.FlyStubs.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** FlyRuntime against a stubbed Machines API and a stubbed runner: the calls it makes, in order, and what it reads. */
class FlyRuntimeIT {

    @RegisterExtension
    static final WireMockExtension FLY = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final WireMockExtension RUNNER = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeploymentId D1 = new DeploymentId("d1");
    private static final String BY_D1 = MACHINES + "?metadata.catwalk_deployment=d1";

    private final FlyStubs.TestClock clock = new FlyStubs.TestClock(Duration.ZERO);

    private FlyRuntime runtime() {
        return FlyStubs.builder(FLY, "tok", clock, FlyStubs.pauses()).runnerUrl(RUNNER.baseUrl() + "/vm/{machine}")
                .build();
    }

    @Test
    void startCreatesTheMachineUnlaunchedAddsItsSecretStartsItAndWaits() throws Exception {
        FLY.stubFor(get(BY_D1).willReturn(okJson("[]")));
        FLY.stubFor(post(MACHINES).willReturn(okJson(machine("m1", "created", "d1"))));
        FLY.stubFor(post(MACHINES + "/m1").willReturn(okJson(machine("m1", "created", "d1"))));
        FLY.stubFor(post(MACHINES + "/m1/start").willReturn(okJson("{\"previous_state\":\"created\"}")));
        FLY.stubFor(get(urlPathMatching(MACHINES + "/m1/wait")).willReturn(okJson("{\"ok\":true}")));
        ServerCommand command = new ServerCommand(List.of("npx", "-y", "@scope/pkg@1.2.3"),
                Map.of("API_KEY", "sk-1", "REGION", "eu"));

        runtime().start(D1, command, SessionMode.ISOLATED);

        assertEquals(List.of("GET " + BY_D1, "POST " + MACHINES, "POST " + MACHINES + "/m1",
                "POST " + MACHINES + "/m1/start", "GET " + MACHINES + "/m1/wait?state=started&timeout=60&instance_id=v-m1",
                "GET " + BY_D1), calls(FLY));
        JsonNode created = body("POST", MACHINES).path("config");
        assertTrue(body("POST", MACHINES).path("skip_launch").asBoolean());
        assertEquals(Set.of(RunnerSpec.VARIABLE, "CATWALK_RUNNER_BIND"), names(created.path("env")),
                "no secret before the id is known");
        assertEquals("fly-local-6pn:8080", created.path("env").path("CATWALK_RUNNER_BIND").asText());
        assertEquals("d1", created.path("metadata").path("catwalk_deployment").asText());
        JsonNode spec = JSON.readTree(Base64.getUrlDecoder().decode(created.path("env").path(RunnerSpec.VARIABLE).asText()));
        assertEquals(JSON.readTree("""
                {"deployment":"d1","argv":["npx","-y","@scope/pkg@1.2.3"],"env":{"API_KEY":"sk-1","REGION":"eu"},
                 "sessionMode":"isolated"}"""), spec);
        assertFalse(created.path("env").path(RunnerSpec.VARIABLE).asText().contains("="), "base64url, no padding");
        JsonNode updated = body("POST", MACHINES + "/m1");
        assertEquals("v-m1", updated.path("current_version").asText());
        assertTrue(updated.path("skip_launch").asBoolean());
        assertEquals(hmac("m1"), updated.path("config").path("env").path(RunnerSecret.VARIABLE).asText());
        assertEquals(created.path("env").path(RunnerSpec.VARIABLE), updated.path("config").path("env")
                .path(RunnerSpec.VARIABLE));
    }

    @Test
    void everyMachineGetsTheRunnerVariablesButNoneCanReplaceTheRunnerProtocolsOwn() throws Exception {
        FLY.stubFor(get(BY_D1).willReturn(okJson("[]")));
        FLY.stubFor(post(MACHINES).willReturn(okJson(machine("m1", "created", "d1"))));
        FLY.stubFor(post(MACHINES + "/m1").willReturn(okJson(machine("m1", "created", "d1"))));
        FLY.stubFor(post(MACHINES + "/m1/start").willReturn(okJson("{\"previous_state\":\"created\"}")));
        FLY.stubFor(get(urlPathMatching(MACHINES + "/m1/wait")).willReturn(okJson("{\"ok\":true}")));
        FlyRuntime runtime = FlyStubs.builder(FLY, "tok", clock, FlyStubs.pauses())
                .runnerUrl(RUNNER.baseUrl() + "/vm/{machine}")
                .runnerVariables(Map.of("CATWALK_MAX_INFLIGHT_PER_SESSION", "1024", "CATWALK_MAX_BATCH", "7")).build();

        runtime.start(D1, new ServerCommand(List.of("node"), Map.of()), SessionMode.SHARED);

        JsonNode env = body("POST", MACHINES + "/m1").path("config").path("env");
        assertEquals(Set.of(RunnerSpec.VARIABLE, "CATWALK_RUNNER_BIND", RunnerSecret.VARIABLE,
                "CATWALK_MAX_INFLIGHT_PER_SESSION", "CATWALK_MAX_BATCH"), names(env));
        assertEquals("1024", env.path("CATWALK_MAX_INFLIGHT_PER_SESSION").asText());
        for (String name : List.of("CATWALK_RUNNER_SECRET", "CATWALK_RUNNER_SPEC", "PATH", "catwalk_max_batch")) {
            assertThrows(IllegalArgumentException.class, () -> FlyStubs.builder(FLY, "tok", clock, FlyStubs.pauses())
                    .runnerVariables(Map.of(name, "x")), name);
        }
    }

    @Test
    void startReplacesTheMachineTheDeploymentHadAndAStartedOneIsRunningAtOnce() {
        FLY.stubFor(get(MACHINES).willReturn(okJson("[]")));
        FLY.stubFor(get(BY_D1).willReturn(okJson(list(machine("old", "started", "d1")))));
        FLY.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson(machine("m1", "created", "d1"))));
        FlyRuntime runtime = runtime();
        assertEquals(new RuntimeState.Absent(), runtime.state(D1));

        runtime.start(D1, new ServerCommand(List.of("uvx", "pkg"), Map.of()), SessionMode.SHARED);

        assertEquals(List.of("GET " + MACHINES, "GET " + BY_D1, "DELETE " + MACHINES + "/old?force=true",
                "POST " + MACHINES), calls(FLY).subList(0, 4));
        assertEquals(new RuntimeState.Running(), runtime.state(D1), "written in by start, not listed again");
        assertEquals(Set.of(D1), runtime.deployments());
        FLY.verify(1, getRequestedFor(urlEqualTo(MACHINES)));
    }

    @Test
    void aMachineLeftByACreateRetriedAfterA5xxIsDestroyedOnceTheNewOneRuns() {
        FLY.stubFor(get(BY_D1).inScenario("dup").willReturn(okJson("[]")).willSetStateTo("made"));
        FLY.stubFor(get(BY_D1).inScenario("dup").whenScenarioStateIs("made")
                .willReturn(okJson(list(machine("dup", "created", "d1"), machine("m1", "started", "d1")))));
        FLY.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson(machine("m1", "created", "d1"))));

        runtime().start(D1, new ServerCommand(List.of("uvx", "pkg"), Map.of()), SessionMode.SHARED);

        List<String> calls = calls(FLY);
        assertEquals(List.of("GET " + BY_D1, "DELETE " + MACHINES + "/dup?force=true"),
                calls.subList(calls.size() - 2, calls.size()));
        assertEquals(1, calls.stream().filter(c -> c.startsWith("DELETE")).count(), "m1 stays");
    }

    @Test
    void stopStopsGracefullyWaitsAndDestroysTheMachine() {
        FLY.stubFor(get(BY_D1).willReturn(okJson(list(machine("m1", "started", "d1")))));
        FLY.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson("{\"ok\":true}")));

        runtime().stop(D1);

        assertEquals(List.of("GET " + BY_D1, "POST " + MACHINES + "/m1/stop",
                "GET " + MACHINES + "/m1/wait?state=stopped&timeout=40&instance_id=v-m1",
                "DELETE " + MACHINES + "/m1?force=true"), calls(FLY));
        assertEquals("{\"signal\":\"SIGTERM\",\"timeout\":\"30s\"}", body("POST", MACHINES + "/m1/stop").toString());
    }

    @Test
    void statesComeFromOneListingPerPeriodMappedFromFlysStates() {
        FLY.stubFor(get(MACHINES).willReturn(okJson(list(machine("m1", "started", "up"),
                machine("m2", "starting", "booting"), machine("m3", "stopped", "exited"),
                machine("m4", "failed", "broken"), machine("m5", "destroyed", "gone"), machine("m6", "started", null)))));
        FlyRuntime runtime = runtime();

        assertEquals(new RuntimeState.Running(), runtime.state(new DeploymentId("up")));
        assertEquals(new RuntimeState.Starting("the Fly machine is starting"), runtime.state(new DeploymentId("booting")));
        assertTrue(runtime.state(new DeploymentId("exited")) instanceof RuntimeState.Failed);
        assertEquals(new RuntimeState.Failed("the Fly machine failed"), runtime.state(new DeploymentId("broken")));
        assertEquals(new RuntimeState.Absent(), runtime.state(new DeploymentId("gone")));
        assertEquals(new RuntimeState.Absent(), runtime.state(new DeploymentId("never")));
        assertEquals(Set.of(new DeploymentId("up"), new DeploymentId("booting")), runtime.deployments());
        FLY.verify(1, getRequestedFor(urlEqualTo(MACHINES)));

        clock.advance(Duration.ofSeconds(5));
        runtime.state(new DeploymentId("up"));
        FLY.verify(2, getRequestedFor(urlEqualTo(MACHINES)));
    }

    @Test
    void straysAreDestroyedAndKnownDeploymentsKept() {
        FLY.stubFor(get(MACHINES).willReturn(okJson(list(machine("m1", "started", "d1"), machine("m2", "started", "d2"),
                machine("m3", "stopped", "d3"), machine("m4", "started", null)))));
        FLY.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson("{\"ok\":true}")));

        List<String> destroyed = runtime().destroyStrays(() -> {
            // Asked only once the machines are listed: a deployment created meanwhile keeps its new machine.
            assertEquals(List.of("GET " + MACHINES), calls(FLY));
            return Set.of(D1);
        });

        assertEquals(List.of("m2", "m3"), destroyed);
        assertEquals(List.of("GET " + MACHINES, "DELETE " + MACHINES + "/m2?force=true",
                "DELETE " + MACHINES + "/m3?force=true"), calls(FLY));
    }

    @Test
    void logsAreTheRunnersReadWithTheMachinesSecret() {
        FLY.stubFor(get(MACHINES).willReturn(okJson(list(machine("m1", "started", "d1")))));
        RUNNER.stubFor(get("/vm/m1/logs?lines=2").withHeader("Authorization", equalTo("Bearer " + hmac("m1")))
                .willReturn(okJson("{\"lines\":[\"starting\",\"ready\"]}")));
        FlyRuntime runtime = runtime();

        assertEquals(List.of("starting", "ready"), runtime.logs(D1, 2));
        assertEquals(List.of(), runtime.logs(new DeploymentId("other"), 2), "no machine, nothing written");
    }

    @Test
    void aStartedMachinesRunnerIsWhereTheGatewayForwardsWithItsSecretAndOnlyThen() throws Exception {
        FLY.stubFor(get(MACHINES).willReturn(okJson(list(machine("m1", "started", "d1"),
                machine("m2", "starting", "d2")))));
        FlyRuntime runtime = runtime();

        RunnerForwarder.Runner runner = runtime.runner(D1).orElseThrow();
        assertEquals(java.net.URI.create(RUNNER.baseUrl() + "/vm/m1/"), runner.base());
        assertEquals(hmac("m1"), runner.secret());
        assertFalse(runner.toString().contains(runner.secret()), "the secret is not printed");
        assertTrue(runtime.runner(new DeploymentId("d2")).isEmpty(), "not started yet");
        assertTrue(runtime.runner(new DeploymentId("other")).isEmpty());

        FlyUpstreams upstreams = new FlyUpstreams(runtime, java.net.http.HttpClient.newHttpClient(),
                java.time.Duration.ofSeconds(5), id -> { });
        assertTrue(upstreams.find("d1").isPresent());
        assertTrue(upstreams.find("d2").isEmpty());
        assertTrue(upstreams.find("not a deployment id!").isEmpty());
        long before = System.nanoTime();
        assertTrue(upstreams.await("d2", java.time.Duration.ofMillis(200), java.time.Duration.ofMillis(20),
                () -> true).isEmpty(), "waited for, not there in time");
        assertTrue(System.nanoTime() - before >= 150_000_000L, "it did wait");
        assertFalse(upstreams.shuttingDown());
        upstreams.shutDown();
        assertTrue(upstreams.shuttingDown());
    }

    @Test
    void aRunnerThatRefusesTheSecretIsUnavailableWithoutItInTheMessage() {
        FLY.stubFor(get(MACHINES).willReturn(okJson(list(machine("m1", "started", "d1")))));
        RUNNER.stubFor(get(urlPathMatching("/vm/m1/logs")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"unauthorized\"}")));

        CatwalkException e = assertThrows(CatwalkException.class, () -> runtime().logs(D1, 5));

        assertEquals("the runner of deployment d1 answered /logs with HTTP 401", e.getMessage());
        assertEquals("runner_unavailable", e.code());
        assertFalse(e.getMessage().contains(hmac("m1")));
    }

    @Test
    void pingAsksTheRunnerStatusOnlyOfAStartedMachine() {
        FLY.stubFor(get(MACHINES).willReturn(okJson(list(machine("m1", "started", "d1"), machine("m2", "starting", "d2")))));
        RUNNER.stubFor(get("/vm/m1/status").withHeader("Authorization", equalTo("Bearer " + hmac("m1")))
                .willReturn(okJson("{\"alive\":false,\"restarts\":3,\"lastExit\":null,\"uptimeSeconds\":1,\"sessions\":0}")));
        FlyRuntime trusting = runtime();
        FlyRuntime asking = FlyStubs.builder(FLY, "tok", clock, FlyStubs.pauses())
                .runnerUrl(RUNNER.baseUrl() + "/vm/{machine}").pingRunner().build();

        assertTrue(trusting.ping(D1, Duration.ofSeconds(1)));
        assertFalse(trusting.ping(new DeploymentId("d2"), Duration.ofSeconds(1)));
        assertFalse(asking.ping(D1, Duration.ofSeconds(1)), "the runner says its server is not alive");
    }

    private static JsonNode body(String method, String url) {
        List<LoggedRequest> found = FLY.findAll(new com.github.tomakehurst.wiremock.matching.RequestPatternBuilder(
                com.github.tomakehurst.wiremock.http.RequestMethod.fromString(method), urlEqualTo(url)));
        assertEquals(1, found.size(), method + " " + url);
        try {
            return JSON.readTree(found.getFirst().getBodyAsString());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new java.util.TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String hmac(String machineId) throws IllegalStateException {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(FlyStubs.RUNNER_KEY, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(machineId.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
