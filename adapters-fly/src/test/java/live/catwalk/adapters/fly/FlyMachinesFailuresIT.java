package live.catwalk.adapters.fly;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static live.catwalk.adapters.fly.FlyStubs.IMAGE;
import static live.catwalk.adapters.fly.FlyStubs.MACHINES;
import static live.catwalk.adapters.fly.FlyStubs.calls;
import static live.catwalk.adapters.fly.FlyStubs.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;
import live.catwalk.core.shared.domain.DeploymentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the Machines API failing becomes a CatwalkException: mapped once, retried when worth it, never with the token. */
class FlyMachinesFailuresIT {

    @RegisterExtension
    static final WireMockExtension FLY = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String TOKEN = "fm2_sEcReTmAcArOoN==";
    private static final String ENV_SECRET = "sk-live-very-secret";
    private static final String ONE = MACHINES + "/m1";

    private final List<Duration> pauses = FlyStubs.pauses();
    private final FlyStubs.TestClock clock = new FlyStubs.TestClock(Duration.ofSeconds(20));

    private FlyMachines machines() {
        return FlyStubs.builder(FLY, TOKEN, clock, pauses).machines();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            401 | UPSTREAM_UNAVAILABLE | fly_unauthorized          | Fly refused to create a machine (HTTP 401): the token was not accepted | FLY_API_TOKEN
            404 | NOT_FOUND            | fly_not_found             | Fly refused to create a machine (HTTP 404): no such app or machine: echo *** *** | app name
            409 | CONFLICT             | fly_conflict              | Fly refused to create a machine (HTTP 409): echo *** ***               | lease
            422 | INVALID_INPUT        | fly_rejected              | Fly refused to create a machine (HTTP 422): echo *** ***               | Fly's message
            """)
    void anErrorIsMappedWithFlysTextAndAHintButNeverTheTokenOrASecret(int status, Kind kind, String code,
            String message, String hint) {
        FLY.stubFor(post(MACHINES).willReturn(aResponse().withStatus(status).withHeader("fly-request-id", "01REQ")
                .withBody("{\"error\":\"echo " + TOKEN + " " + ENV_SECRET + "\",\"status\":\"" + status + "\"}")));

        CatwalkException e = assertThrows(CatwalkException.class,
                () -> machines().create(MachineSpec.of(IMAGE), new DeploymentId("d1"), Map.of("K", ENV_SECRET), false));

        assertEquals(kind, e.kind());
        assertEquals(code, e.code());
        assertEquals(message, e.getMessage());
        assertTrue(e.hint().orElseThrow().contains(hint), e.hint().get());
        clean(e);
        assertEquals(1, calls(FLY).size(), "no retry");
    }

    @Test
    void noCapacityHintsAtAnotherRegionOrSize() {
        FLY.stubFor(post(MACHINES).willReturn(aResponse().withStatus(412).withBody(
                "{\"error\":\"insufficient capacity available in ams\",\"status\":\"insufficient_capacity\"}")));

        CatwalkException e = assertThrows(CatwalkException.class,
                () -> machines().create(MachineSpec.of(IMAGE), new DeploymentId("d1"), Map.of(), false));

        assertEquals(Kind.UPSTREAM_UNAVAILABLE, e.kind());
        assertEquals("fly_insufficient_capacity", e.code());
        assertEquals("Fly has no capacity to create a machine: insufficient capacity available in ams", e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("another Fly region or a smaller machine size"));
    }

    @Test
    void a429IsTriedAgainAfterTheRetryAfterItNames() {
        answerInTurn(aResponse().withStatus(429).withHeader("Retry-After", "3"), okJson(machine("m1", "started", "d1")));

        assertEquals("m1", machines().get("m1").id());

        assertEquals(List.of(Duration.ofSeconds(3)), pauses);
        FLY.verify(2, getRequestedFor(urlEqualTo(ONE)));
    }

    @Test
    void a503IsTriedAgainWithAJitteredExponentialPause() {
        answerInTurn(aResponse().withStatus(503), aResponse().withStatus(502),
                okJson(machine("m1", "started", "d1")));

        assertEquals("m1", machines().get("m1").id());

        assertEquals(2, pauses.size());
        assertTrue(between(pauses.get(0), 50, 100), pauses.toString());
        assertTrue(between(pauses.get(1), 100, 200), pauses.toString());
    }

    @Test
    void retriesStopAtTheBoundAndTheLastAnswerIsTheError() {
        FLY.stubFor(get(ONE).willReturn(aResponse().withStatus(503).withBody("{\"error\":\"" + TOKEN + " down\"}")));

        CatwalkException e = assertThrows(CatwalkException.class, () -> machines().get("m1"));

        assertEquals(Kind.UPSTREAM_UNAVAILABLE, e.kind());
        assertEquals("Fly failed to get machine m1 (HTTP 503): *** down", e.getMessage());
        clean(e);
        FLY.verify(3, getRequestedFor(urlEqualTo(ONE)));
        assertEquals(2, pauses.size());
    }

    @Test
    void rateLimitingPastTheBoundIsLimitExceeded() {
        FLY.stubFor(get(ONE).willReturn(aResponse().withStatus(429)));

        CatwalkException e = assertThrows(CatwalkException.class, () -> machines().get("m1"));

        assertEquals(Kind.LIMIT_EXCEEDED, e.kind());
        assertEquals("fly_rate_limited", e.code());
        FLY.verify(3, getRequestedFor(urlEqualTo(ONE)));
    }

    @Test
    void aWaitGivesUpAtItsOwnDeadlineAskingForNoMoreThanIsLeft() {
        FLY.stubFor(get(urlPathEqualTo(ONE + "/wait"))
                .willReturn(aResponse().withStatus(408)));

        // The test clock moves 20 s per reading: the deadline is read at 0 s, then each try reads it once more.
        CatwalkException e = assertThrows(CatwalkException.class,
                () -> machines().waitFor("m1", "started", Optional.of("v1"), Duration.ofSeconds(90)));

        assertEquals("fly_wait_timed_out", e.code());
        assertEquals("the Fly machine m1 was not started within 90 s", e.getMessage());
        String wait = "GET " + ONE + "/wait?state=started&timeout=";
        assertEquals(List.of(wait + "60&instance_id=v1", wait + "50&instance_id=v1", wait + "30&instance_id=v1",
                wait + "10&instance_id=v1"), calls(FLY));
    }

    @Test
    void anUnreachableApiIsUnavailableAfterTheBoundedTries() {
        FlyMachines nowhere = FlyRuntime.builder(FlyStubs.CLIENT, TOKEN, FlyStubs.APP, IMAGE, FlyStubs.RUNNER_KEY)
                .api(java.net.URI.create("http://127.0.0.1:9/v1")).timeout(Duration.ofSeconds(2))
                .backoff(2, Duration.ofMillis(1), Duration.ofMillis(2), pauses::add).machines();

        CatwalkException e = assertThrows(CatwalkException.class, () -> nowhere.get("m1"));

        assertEquals(Kind.UPSTREAM_UNAVAILABLE, e.kind());
        assertEquals("the Fly Machines API could not be reached (get machine m1)", e.getMessage());
        assertEquals(1, pauses.size());
    }

    @Test
    void aBodyOverTheBoundIsRefusedNotRead() {
        FLY.stubFor(get(ONE).willReturn(okJson("\"" + "x".repeat(4 << 20) + "\"")));

        CatwalkException e = assertThrows(CatwalkException.class, () -> machines().get("m1"));

        assertEquals("the Fly Machines API answered with more than 4194304 bytes (get machine m1)", e.getMessage());
    }

    @Test
    void aBodyThatTricklesInIsBoundedByTheTimeoutToo() {
        FLY.stubFor(get(ONE).willReturn(okJson(machine("m1", "started", "d1")).withChunkedDribbleDelay(20, 3000)));
        FlyMachines slow = FlyStubs.builder(FLY, TOKEN, clock, pauses).timeout(Duration.ofMillis(700)).machines();

        CatwalkException e = assertThrows(CatwalkException.class, () -> slow.get("m1"));

        assertEquals("the Fly Machines API did not answer within 700 ms (get machine m1)", e.getMessage());
        assertEquals(List.of(), pauses, "a timeout is not tried again: the call may have been done");
    }

    private static void answerInTurn(ResponseDefinitionBuilder... answers) {
        String state = STARTED;
        for (int i = 0; i < answers.length; i++) {
            String next = "answer " + (i + 1);
            FLY.stubFor(get(ONE).inScenario("turns").whenScenarioStateIs(state).willReturn(answers[i])
                    .willSetStateTo(next));
            state = next;
        }
    }

    private static boolean between(Duration d, long fromMillis, long toMillis) {
        return d.toMillis() >= fromMillis && d.toMillis() <= toMillis;
    }

    private static void clean(CatwalkException e) {
        String shown = e.getMessage() + " " + e.hint().orElse("") + " " + e;
        assertFalse(shown.contains(TOKEN) || shown.contains("sEcReT") || shown.contains(ENV_SECRET), shown);
    }
}
