package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The live streams, {@code GET /api/events} and {@code GET /api/deployments/{id}/logs/stream}: authenticated like
 * the rest of {@code /api}, an event at once, then only news (heartbeats in between), bounded per user, and ended
 * when the server stops.
 */
class EventStreamsIT extends ApiServer {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration HEARTBEAT = Duration.ofMillis(400);

    private final List<SseStream> opened = new ArrayList<>();

    @Override
    EventStreams eventStreams() {
        return new EventStreams(Duration.ofMillis(50), HEARTBEAT, Duration.ofMinutes(5));
    }

    @AfterEach
    void closeStreams() {
        opened.forEach(SseStream::close);
    }

    private SseStream open(String path, Map<String, String> headers) throws Exception {
        SseStream stream = SseStream.open(client, base.resolve(path), headers);
        opened.add(stream);
        return stream;
    }

    private SseStream open(String path, String token) throws Exception {
        return open(path, Map.of("Authorization", "Bearer " + token));
    }

    private static SseStream.Event event(SseStream stream) throws InterruptedException {
        return stream.nextEvent(WAIT).orElseThrow(() -> new AssertionError("no event within " + WAIT));
    }

    private static List<String> ids(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(i -> i.path("id").asText()).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    @Test
    void theFirstEventListsTheCallersDeploymentsAsTheListDoesAndEachChangeSendsAnother() throws Exception {
        String mine = createDeployment("mine").path("id").asText();
        ok(call("POST", "/api/deployments", """
                {"name": "bobs", "package": {"registry": "npm", "name": "@acme/mcp"}}""",
                FakeControlPlane.BOB_TOKEN), 201);

        SseStream stream = open("/api/events", FakeControlPlane.ALICE_TOKEN);
        assertEquals(200, stream.status());
        assertTrue(stream.response().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        SseStream.Event first = event(stream);
        assertEquals("deployments", first.name());
        assertEquals("1", first.id());
        assertEquals(String.valueOf(EventStreams.RECONNECT_MILLIS), first.retry());
        JsonNode items = JSON.readTree(first.data()).path("items");
        assertEquals(List.of(mine), ids(items));
        assertEquals(ok(get("/api/deployments"), 200).path("items"), items, "the same items as the list");

        ok(call("POST", "/api/deployments/" + mine + "/stop", null), 200);
        SseStream.Event stopped = event(stream);
        assertEquals("2", stopped.id());
        assertEquals("stopped", JSON.readTree(stopped.data()).path("items").get(0).path("status").asText());

        String second = createDeployment("second").path("id").asText();
        SseStream.Event created = event(stream);
        assertEquals("3", created.id());
        assertEquals(List.of(second, mine), ids(JSON.readTree(created.data()).path("items")));
    }

    @Test
    void whileNothingChangesOnlyHeartbeatsAreSent() throws Exception {
        createDeployment("quiet");
        SseStream stream = open("/api/events", FakeControlPlane.ALICE_TOKEN);
        event(stream);

        List<SseStream.Event> quiet = stream.during(HEARTBEAT.multipliedBy(4));

        assertFalse(quiet.isEmpty(), "heartbeats keep the stream open");
        assertTrue(quiet.stream().allMatch(e -> e.isComment() && e.comment().equals("keep-alive")), quiet.toString());
    }

    @Test
    void withoutCredentialsTheAnswerIsA401Problem() throws Exception {
        SseStream stream = open("/api/events", Map.of());
        assertEquals(401, stream.status());
        assertEquals("unauthorized", JSON.readTree(stream.body()).path("error").asText());
        assertEquals(401, open("/api/events", "cwk_unknown").status());
    }

    @Test
    void aSignedInBrowsersSessionCookieIsEnough() throws Exception {
        String mine = createDeployment("mine").path("id").asText();
        HttpResponse<String> signedIn = call("POST", "/api/session",
                "{\"token\": \"" + FakeControlPlane.ALICE_TOKEN + "\"}", null);
        SseStream stream = open("/api/events", Map.of("Cookie", BrowserSessionIT.pair(signedIn)));

        assertEquals(200, stream.status(), stream.body());
        assertEquals(List.of(mine), ids(JSON.readTree(event(stream).data()).path("items")));
    }

    @Test
    void theLogStreamSendsTheTailThenEachNewLineOnce() throws Exception {
        String id = createDeployment("logged").path("id").asText();
        SseStream stream = open("/api/deployments/" + id + "/logs/stream?lines=2", FakeControlPlane.ALICE_TOKEN);

        SseStream.Event tail = event(stream);
        assertEquals("lines", tail.name());
        assertEquals("1", tail.id());
        assertEquals(List.of("line 2", "line 3"), texts(JSON.readTree(tail.data()).path("lines")));

        fake.log.add("line 4");
        SseStream.Event added = event(stream);
        assertEquals("2", added.id());
        assertEquals(List.of("line 4"), texts(JSON.readTree(added.data()).path("lines")));

        fake.log.add("line 4");
        assertEquals(List.of("line 4"), texts(JSON.readTree(event(stream).data()).path("lines")),
                "a repeated line is new too");
        List<SseStream.Event> after = stream.during(Duration.ofMillis(500));
        assertTrue(after.stream().allMatch(SseStream.Event::isComment), "each line once: " + after);
    }

    @Test
    void theLogStreamOfSomeoneElsesDeploymentIsA404ProblemAndABadLineCountA400NamingIt() throws Exception {
        String id = createDeployment("alices").path("id").asText();

        SseStream stranger = open("/api/deployments/" + id + "/logs/stream", FakeControlPlane.BOB_TOKEN);
        assertEquals(404, stranger.status(), stranger.body());
        assertEquals("not_found", JSON.readTree(stranger.body()).path("error").asText());
        assertEquals(404, open("/api/deployments/dep-999/logs/stream", FakeControlPlane.ALICE_TOKEN).status());

        for (String bad : List.of("0", "1001", "x")) {
            SseStream invalid = open("/api/deployments/" + id + "/logs/stream?lines=" + bad,
                    FakeControlPlane.ALICE_TOKEN);
            assertEquals(400, invalid.status(), invalid.body());
            JsonNode problem = JSON.readTree(invalid.body());
            assertEquals("invalid_input", problem.path("error").asText());
            assertEquals("lines", problem.path("field").asText());
        }
    }

    @Test
    void aUserMayHoldEightStreamsAndGetsA429BeyondUntilOneCloses() throws Exception {
        String id = createDeployment("many").path("id").asText();
        List<SseStream> mine = new ArrayList<>();
        for (int i = 0; i < EventStreams.PER_USER; i++) {
            SseStream s = open(i % 2 == 0 ? "/api/events" : "/api/deployments/" + id + "/logs/stream",
                    FakeControlPlane.ALICE_TOKEN);
            assertEquals(200, s.status());
            event(s);
            mine.add(s);
        }

        SseStream refused = open("/api/events", FakeControlPlane.ALICE_TOKEN);
        assertEquals(429, refused.status(), refused.body());
        JsonNode problem = JSON.readTree(refused.body());
        assertEquals("limit_exceeded", problem.path("error").asText());
        assertTrue(problem.path("message").asText().contains("event streams"), refused.body());
        assertEquals(200, open("/api/events", FakeControlPlane.BOB_TOKEN).status(), "another user's streams count apart");

        mine.getFirst().close();
        int status = 0;
        for (long end = System.nanoTime() + WAIT.toNanos(); status != 200 && System.nanoTime() < end; ) {
            Thread.sleep(100);
            SseStream again = open("/api/events", FakeControlPlane.ALICE_TOKEN);
            status = again.status();
            if (status != 200) {
                again.close();
            }
        }
        assertEquals(200, status, "a stream whose client left frees its place");
    }

    @Test
    void stoppingTheServerEndsOpenStreamsAtOnceRatherThanAfterTheGracePeriod() throws Exception {
        String id = createDeployment("running").path("id").asText();
        SseStream events = open("/api/events", FakeControlPlane.ALICE_TOKEN);
        SseStream logs = open("/api/deployments/" + id + "/logs/stream", FakeControlPlane.ALICE_TOKEN);
        event(events);
        event(logs);

        long started = System.nanoTime();
        server.stop(Duration.ofSeconds(10));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "the stop took " + took);
        assertTrue(events.endsWithin(WAIT), "the events stream ended");
        assertTrue(logs.endsWithin(WAIT), "the log stream ended");
    }

    @Test
    void aStreamEndsOnceItsTokenIsRevokedOrItsBrowserSignedOut() throws Exception {
        JsonNode issued = ok(call("POST", "/api/tokens", "{\"name\": \"dashboard\"}"), 201);
        SseStream byToken = open("/api/events", issued.path("token").asText());
        event(byToken);
        HttpResponse<String> signedIn = call("POST", "/api/session",
                "{\"token\": \"" + FakeControlPlane.ALICE_TOKEN + "\"}", null);
        String cookie = BrowserSessionIT.pair(signedIn);
        SseStream bySession = open("/api/events", Map.of("Cookie", cookie));
        event(bySession);
        SseStream byOtherToken = open("/api/events", FakeControlPlane.ALICE_TOKEN);
        event(byOtherToken);

        assertEquals(204, call("DELETE", "/api/tokens/" + issued.path("id").asText(), null).statusCode());
        assertTrue(byToken.endsWithin(HEARTBEAT.multipliedBy(5)), "a revoked token's stream ends");
        assertFalse(bySession.endsWithin(HEARTBEAT.multipliedBy(3)), "the session is another credential");

        HttpRequest signOut = HttpRequest.newBuilder(base.resolve("/api/session")).DELETE()
                .header("Cookie", cookie)
                .header("X-CSRF-Token", JSON.readTree(signedIn.body()).path("csrfToken").asText()).build();
        assertEquals(204, client.send(signOut, HttpResponse.BodyHandlers.discarding()).statusCode());
        assertTrue(bySession.endsWithin(HEARTBEAT.multipliedBy(5)), "a signed-out session's stream ends");
        assertFalse(byOtherToken.endsWithin(HEARTBEAT.multipliedBy(2)), "the user's other credentials stream on");
    }

    @Test
    void theStreamsAnswerOtherMethodsWithA405Problem() throws Exception {
        String id = createDeployment("x").path("id").asText();
        for (String path : List.of("/api/events", "/api/deployments/" + id + "/logs/stream")) {
            assertProblem(call("POST", path, "{}"), 405, "method_not_allowed");
        }
    }
}
