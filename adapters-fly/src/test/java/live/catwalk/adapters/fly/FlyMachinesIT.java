package live.catwalk.adapters.fly;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static live.catwalk.adapters.fly.FlyStubs.IMAGE;
import static live.catwalk.adapters.fly.FlyStubs.MACHINES;
import static live.catwalk.adapters.fly.FlyStubs.calls;
import static live.catwalk.adapters.fly.FlyStubs.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.shared.domain.DeploymentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What FlyMachines sends: the exact create body, each call's method, path and query, and the token's header. */
class FlyMachinesIT {

    @RegisterExtension
    static final WireMockExtension FLY = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final DeploymentId D1 = new DeploymentId("d1");

    private final List<Duration> pauses = FlyStubs.pauses();

    private FlyMachines machines(String token) {
        return FlyStubs.builder(FLY, token, new FlyStubs.TestClock(Duration.ZERO), pauses).machines();
    }

    @Test
    void createsAMachineWithExactlyTheConfigCatwalkNeeds() {
        FLY.stubFor(post(MACHINES).willReturn(okJson(machine("m1", "created", "d1"))));
        MachineSpec spec = new MachineSpec(IMAGE, Optional.of("ams"), "performance", 2, 1024, "on-failure", 3,
                Duration.ofSeconds(20));

        Machine made = machines("tok").create(spec, D1, Map.of("B", "2", "A", "1"), true);

        assertEquals(new Machine("m1", "created", "v-m1", "ams", Optional.of("d1")), made);
        FLY.verify(postRequestedFor(urlEqualTo(MACHINES)).withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"region":"ams","skip_launch":true,"config":{
                          "image":"registry.fly.io/cw-runner:1",
                          "env":{"A":"1","B":"2"},
                          "guest":{"cpu_kind":"performance","cpus":2,"memory_mb":1024},
                          "restart":{"policy":"on-failure","max_retries":3},
                          "metadata":{"catwalk_deployment":"d1"},
                          "stop_config":{"signal":"SIGTERM","timeout":"20s"}}}""", false, false)));
    }

    @Test
    void anUpdateReplacesTheWholeConfigAtTheMachinesVersion() {
        FLY.stubFor(post(MACHINES + "/m1").willReturn(okJson(machine("m1", "created", "d1"))));
        Machine m1 = new Machine("m1", "created", "v-0", "ams", Optional.of("d1"));

        machines("tok").update(m1, MachineSpec.of(IMAGE), D1, Map.of("A", "1"), false);

        FLY.verify(postRequestedFor(urlEqualTo(MACHINES + "/m1")).withRequestBody(equalToJson("""
                {"current_version":"v-0","skip_launch":false,"config":{
                  "image":"registry.fly.io/cw-runner:1","env":{"A":"1"},
                  "guest":{"cpu_kind":"shared","cpus":1,"memory_mb":512},
                  "restart":{"policy":"on-failure","max_retries":5},
                  "metadata":{"catwalk_deployment":"d1"},
                  "stop_config":{"signal":"SIGTERM","timeout":"30s"}}}""", false, false)));
    }

    @Test
    void eachCallHasItsMethodPathAndQuery() {
        FLY.stubFor(any(anyUrl()).willReturn(okJson("{\"ok\":true}")));
        FLY.stubFor(get(MACHINES + "/m1")
                .willReturn(okJson(machine("m1", "started", "d1"))));
        FLY.stubFor(get(MACHINES + "?metadata.catwalk_deployment=d1")
                .willReturn(okJson(FlyStubs.list(machine("m1", "started", "d1"), machine("m2", "started", "d2"),
                        machine("m3", "started", null)))));
        FlyMachines fly = machines("tok");

        assertEquals("started", fly.get("m1").state());
        fly.start("m1");
        fly.stop("m1", Duration.ofSeconds(30));
        fly.restart("m1");
        fly.suspend("m1");
        fly.destroy("m1");
        fly.waitFor("m1", "stopped", Optional.of("v-m1"), Duration.ofMinutes(5));
        List<Machine> listed = fly.list(Optional.of(D1));

        assertEquals(List.of("m1"), listed.stream().map(Machine::id).toList(), "filtered here too");
        assertEquals(List.of("GET " + MACHINES + "/m1", "POST " + MACHINES + "/m1/start",
                "POST " + MACHINES + "/m1/stop", "POST " + MACHINES + "/m1/restart",
                "POST " + MACHINES + "/m1/suspend", "DELETE " + MACHINES + "/m1?force=true",
                "GET " + MACHINES + "/m1/wait?state=stopped&timeout=60&instance_id=v-m1",
                "GET " + MACHINES + "?metadata.catwalk_deployment=d1"), calls(FLY));
        FLY.verify(postRequestedFor(urlEqualTo(MACHINES + "/m1/stop"))
                .withRequestBody(equalToJson("{\"signal\":\"SIGTERM\",\"timeout\":\"30s\"}", false, false)));
    }

    @Test
    void listingEverythingKeepsOnlyCatwalksMachines() {
        FLY.stubFor(get(MACHINES)
                .willReturn(okJson(FlyStubs.list(machine("m1", "started", "d1"), machine("m3", "started", null)))));

        assertEquals(List.of("m1"), machines("tok").list(Optional.empty()).stream().map(Machine::id).toList());
        assertEquals(List.of("GET " + MACHINES), calls(FLY));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            FlyV1 fm2_abc==,fm1r_xyz | FlyV1 fm2_abc==,fm1r_xyz
            fm2_bare==                | FlyV1 fm2_bare==
            plain-personal-token      | Bearer plain-personal-token
            Bearer plain-token        | Bearer plain-token
            """, delimiter = '|')
    void theTokenGoesInAsFlyV1OrBearer(String token, String header) {
        FLY.stubFor(any(anyUrl()).willReturn(okJson(machine("m1", "started", "d1"))));

        machines(token).get("m1");

        FLY.verify(anyRequestedFor(urlEqualTo(MACHINES + "/m1")).withHeader("Authorization", equalTo(header)));
    }

    @Test
    void aWaitIsAskedAgainAfterEach408UntilTheMachineIsThere() {
        String url = MACHINES + "/m1/wait?state=started&timeout=60";
        FLY.stubFor(get(url).inScenario("wait")
                .willReturn(aResponse().withStatus(408).withBody("{\"error\":\"deadline_exceeded\"}"))
                .willSetStateTo("second"));
        FLY.stubFor(get(url).inScenario("wait")
                .whenScenarioStateIs("second").willReturn(aResponse().withStatus(408)).willSetStateTo("third"));
        FLY.stubFor(get(url).inScenario("wait")
                .whenScenarioStateIs("third").willReturn(okJson("{\"ok\":true}")));

        machines("tok").waitFor("m1", "started", Optional.empty(), Duration.ofMinutes(10));

        assertEquals(List.of("GET " + url, "GET " + url, "GET " + url), calls(FLY));
        assertEquals(List.of(), pauses, "a 408 is Fly's answer, not a failure to back off from");
    }
}
