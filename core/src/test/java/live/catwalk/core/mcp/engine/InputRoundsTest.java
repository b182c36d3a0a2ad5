package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.fakes.FakeChannel;
import live.catwalk.core.shared.domain.SessionMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A 2025 server's elicitation during a 2026-07-28 request, asked of the client in rounds of {@code input_required}
 * results: the server's request waits while the client answers, each retry resumes it with a state only the client
 * it was issued to can use, once, for the same request, in time.
 */
class InputRoundsTest {

    private static final String ANSWER_NAME = "{\"action\":\"accept\",\"content\":{\"name\":\"Ada\"}}";
    private static final String ANSWER_COLOUR = "{\"action\":\"accept\",\"content\":{\"colour\":\"blue\"}}";

    private McpHarness mcp;

    @AfterEach
    void close() {
        if (mcp != null) {
            mcp.close();
        }
    }

    /** A call of the fake's {@code ask} tool by a client that declares elicitation, with {@code extra} params. */
    private static String ask(Object id, String arguments, String extra) {
        return StatelessExchangesTest.request(id, "tools/call", "\"name\":\"ask\",\"arguments\":" + arguments + extra, "")
                .replace("\"io.modelcontextprotocol/clientCapabilities\":{}",
                        "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}");
    }

    private static String retry(Object id, JsonNode asked, String key, String answer) {
        return ask(id, "{}", ",\"inputResponses\":{\"" + key + "\":" + answer + "},\"requestState\":\""
                + asked.path("requestState").asText() + "\"");
    }

    private JsonNode call(String body, String token) {
        return json(StatelessExchangesTest.post(mcp, "tools/call", "ask", body, token));
    }

    private JsonNode call(String body) {
        return call(body, McpHarness.TOKEN);
    }

    private static JsonNode inputRequired(JsonNode response) {
        JsonNode result = response.path("result");
        assertEquals("input_required", result.path("resultType").asText(), response::toString);
        assertTrue(result.path("requestState").isTextual(), response::toString);
        assertFalse(result.has("ttlMs"), "an input_required result carries no caching hints");
        return result;
    }

    private static String text(JsonNode response) {
        return response.path("result").path("content").path(0).path("text").asText();
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void aServersQuestionsAreAskedInRoundsAndItsAnswerEndsTheLast(SessionMode mode) {
        mcp = new McpHarness(mode);

        JsonNode first = inputRequired(call(ask(1, "{}", "")));
        JsonNode question = first.path("inputRequests").path("elicitation_1");
        assertEquals("elicitation/create", question.path("method").asText(), first::toString);
        assertEquals("What is your name?", question.path("params").path("message").asText());
        assertEquals(1, first.path("inputRequests").size(), first::toString);

        JsonNode secondResponse = call(retry(2, first, "elicitation_1", ANSWER_NAME));
        assertEquals(2, secondResponse.path("id").asInt(), "the retry is answered under its own id");
        JsonNode second = inputRequired(secondResponse);
        assertEquals("What is your favourite colour?",
                second.path("inputRequests").path("elicitation_2").path("params").path("message").asText());
        assertNotEquals(first.path("requestState"), second.path("requestState"));

        JsonNode done = call(retry(3, second, "elicitation_2", ANSWER_COLOUR));
        assertEquals(3, done.path("id").asInt());
        assertEquals("complete", done.path("result").path("resultType").asText(), done::toString);
        assertEquals("Hello Ada, you like blue", text(done));

        JsonNode replayed = call(retry(4, first, "elicitation_1", ANSWER_NAME));
        assertEquals(-32602, replayed.path("error").path("code").asInt(), replayed::toString);
        assertTrue(replayed.path("error").path("message").asText().contains("used already"), replayed::toString);
        assertEquals(0, mcp.endpoints.continuations().size(), "nothing waits any more");
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void aStateAlteredIssuedToAnotherOrForAnotherRequestIsRefusedAndTheRightRetryStillResumes(SessionMode mode) {
        mcp = new McpHarness(mode);
        JsonNode first = inputRequired(call(ask(1, "{}", "")));
        String state = first.path("requestState").asText();

        String altered = state.substring(0, state.length() - 2) + (state.endsWith("AA") ? "BB" : "AA");
        ObjectNode tampered = (ObjectNode) first.deepCopy();
        tampered.put("requestState", altered);
        assertRefused(call(retry(2, tampered, "elicitation_1", ANSWER_NAME)), "not issued by this gateway");
        assertRefused(call(retry(3, first, "elicitation_1", ANSWER_NAME), "bob-token"), "another client");
        assertRefused(call(ask(4, "{\"other\":true}", ",\"inputResponses\":{\"elicitation_1\":" + ANSWER_NAME
                + "},\"requestState\":\"" + state + "\"")), "another request");

        JsonNode second = inputRequired(call(retry(5, first, "elicitation_1", ANSWER_NAME)));
        assertTrue(second.path("inputRequests").has("elicitation_2"), second::toString);
    }

    private static void assertRefused(JsonNode response, String why) {
        assertEquals(-32602, response.path("error").path("code").asInt(), response::toString);
        assertTrue(response.path("error").path("message").asText().contains(why), response::toString);
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void aQuestionLeftUnansweredOrAnsweredWithNoAnswerIsAskedAgain(SessionMode mode) throws Exception {
        mcp = new McpHarness(mode);
        JsonNode first = inputRequired(call(ask(1, "{}", "")));

        JsonNode wrongKey = inputRequired(call(retry(2, first, "user_name", ANSWER_NAME)));
        assertEquals(List.of("elicitation_1"), keys(wrongKey), wrongKey::toString);
        JsonNode noAnswer = inputRequired(call(retry(3, wrongKey, "elicitation_1", "12345")));
        assertEquals(List.of("elicitation_1"), keys(noAnswer), noAnswer::toString);

        JsonNode next = inputRequired(call(retry(4, noAnswer, "elicitation_1", ANSWER_NAME)));
        assertEquals(List.of("elicitation_2"), keys(next));
        long answers = mcp.servers.thatReceived("tools/call").receivedSoFar().stream().filter(m -> !m.has("method")).count();
        assertEquals(1, answers, "the server got one answer, the valid one");
    }

    private static List<String> keys(JsonNode inputRequired) {
        List<String> keys = new java.util.ArrayList<>();
        inputRequired.path("inputRequests").fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void aClientThatDoesNotComeBackInTimeHasTheServersRequestCancelled(SessionMode mode) throws Exception {
        mcp = new McpHarness(mode, McpHarness.fastSettings(),
                GatewayLimits.defaults().withInputWait(Duration.ofMinutes(2)), new live.catwalk.core.mcp.fakes
                        .FakeStdioServers());
        JsonNode first = inputRequired(call(ask(1, "{}", "")));
        FakeChannel server = mcp.servers.thatReceived("tools/call");
        ObjectNode toolCall = server.nextReceived("tools/call");

        mcp.clock.advance(Duration.ofMinutes(1));
        mcp.maintain.maintain();
        assertEquals(1, mcp.endpoints.continuations().size(), "within its wait, the request waits");
        mcp.clock.advance(Duration.ofMinutes(1));
        mcp.maintain.maintain();

        ObjectNode cancelled = server.nextReceived();
        assertEquals("notifications/cancelled", cancelled.path("method").asText(), cancelled::toString);
        assertEquals(toolCall.path("id"), cancelled.path("params").path("requestId"), cancelled::toString);
        ObjectNode refusal = server.nextReceived();
        assertTrue(refusal.path("id").asText().startsWith("ask-"), refusal::toString);
        assertTrue(refusal.path("error").path("message").asText().contains("did not answer in time"),
                "the server's question is answered with an error: " + refusal);
        assertRefused(call(retry(2, first, "elicitation_1", ANSWER_NAME)), "expired");
        if (mode == SessionMode.ISOLATED) {
            int started = mcp.servers.started().size();
            inputRequired(call(ask(3, "{}", "")));
            assertEquals(started, mcp.servers.started().size(), "the process idles for its client's next request");
        }
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void closingTheStreamOfARequestCancelsItAtTheServer(SessionMode mode) throws Exception {
        mcp = new McpHarness(mode);
        McpHttpResponse slow = StatelessExchangesTest.post(mcp, "tools/call", "slow",
                StatelessExchangesTest.request(1, "tools/call", "\"name\":\"slow\",\"arguments\":{}", ""),
                McpHarness.TOKEN);
        SseSource events = assertInstanceOf(McpHttpResponse.Stream.class, slow).source();
        FakeChannel server = mcp.servers.thatReceived("tools/call");
        ObjectNode call = server.nextReceived("tools/call");

        events.close();

        ObjectNode cancelled = server.nextReceived("notifications/cancelled");
        assertEquals(call.path("id"), cancelled.path("params").path("requestId"), cancelled::toString);
    }

    @Test
    void inOneSharedProcessAQuestionAmongSeveralClientsRequestsIsRefusedButOneWaitingForInputDoesNotCount()
            throws Exception {
        mcp = new McpHarness(SessionMode.SHARED);
        McpHttpResponse slow = StatelessExchangesTest.post(mcp, "tools/call", "slow",
                StatelessExchangesTest.request(1, "tools/call", "\"name\":\"slow\",\"arguments\":{}", ""),
                McpHarness.TOKEN);
        JsonNode refused = call(ask(2, "{}", ""));
        assertEquals("complete", refused.path("result").path("resultType").asText(), refused::toString);
        assertTrue(text(refused).startsWith("not asked: Catwalk cannot tell which"), refused::toString);
        mcp.servers.last().server().releaseSlow();
        assertInstanceOf(McpHttpResponse.Stream.class, slow).source().close();

        JsonNode waiting = inputRequired(call(ask(3, "{}", "")));
        mcp.clock.advance(InputRounds.SETTLED);
        JsonNode other = inputRequired(call(ask(4, "{}", "")));
        assertNotEquals(waiting.path("requestState"), other.path("requestState"),
                "a request blocked on its client's input is not taken for the asker");
    }

    @Test
    void aPrincipalHasABoundedNumberOfRequestsWaitingForInput() {
        mcp = new McpHarness(SessionMode.SHARED);
        for (int i = 0; i < Continuations.PER_PRINCIPAL; i++) {
            inputRequired(call(ask(i, "{}", "")));
            mcp.clock.advance(InputRounds.SETTLED);
        }
        JsonNode over = call(ask("over", "{}", ""));
        assertTrue(text(over).contains("Too many requests wait"), over::toString);
        inputRequired(call(ask("bob", "{}", ""), "bob-token"));
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void aServerThatAnswersARequestWaitingForInputEndsItAndItsStateWithIt(SessionMode mode) throws Exception {
        mcp = new McpHarness(mode);
        JsonNode first = inputRequired(call(ask(1, "{}", "")));
        FakeChannel server = mcp.servers.thatReceived("tools/call");
        ObjectNode toolCall = server.nextReceived("tools/call");

        server.server().send(JsonRpc.result(toolCall.get("id"), JsonRpc.object().put("gaveUp", true)));

        McpHarness.eventually(() -> mcp.endpoints.continuations().size() == 0,
                () -> "the continuation is dropped once the server answered");
        assertRefused(call(retry(2, first, "elicitation_1", ANSWER_NAME)), "expired or was used");
    }

    @Test
    void aLogMessageIsNotGivenToARequestWaitingForItsClientsInput() throws Exception {
        mcp = new McpHarness(SessionMode.SHARED);
        inputRequired(call(ask(1, "{}", "")));
        mcp.clock.advance(InputRounds.SETTLED);
        String session = mcp.initialize("2025-11-25");

        McpHttpResponse logged = mcp.post(session, McpHarness.call(2, "log", ""));
        List<String> methods = McpHarness.readAll(assertInstanceOf(McpHttpResponse.Stream.class, logged).source())
                .stream().filter(e -> !e.data().isEmpty()).map(e -> JsonRpc.parse(e.data()).path("method").asText())
                .toList();
        assertEquals(List.of("notifications/message", ""), methods,
                "the log goes with the request that runs, not the one waiting for its client");
    }

    @ParameterizedTest
    @EnumSource(SessionMode.class)
    void aRetryThatArrivesBeforeTheFirstRoundsStreamEndsIsNotEndedByIt(SessionMode mode) throws Exception {
        mcp = new McpHarness(mode);
        McpHttpResponse first = StatelessExchangesTest.post(mcp, "tools/call", "askslow", StatelessExchangesTest
                .request(1, "tools/call", "\"name\":\"askslow\",\"arguments\":{}", ",\"progressToken\":\"p\"")
                .replace("\"io.modelcontextprotocol/clientCapabilities\":{}",
                        "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}"), McpHarness.TOKEN);
        SseSource firstEvents = assertInstanceOf(McpHttpResponse.Stream.class, first).source();
        assertEquals("notifications/progress", JsonRpc.parse(McpHarness.nextMessage(firstEvents).data())
                .path("method").asText());
        JsonNode asked = inputRequired(JsonRpc.parse(McpHarness.nextMessage(firstEvents).data()));

        McpHttpResponse retry = StatelessExchangesTest.post(mcp, "tools/call", "askslow", StatelessExchangesTest
                .request(2, "tools/call", "\"name\":\"askslow\",\"arguments\":{},\"inputResponses\":"
                        + "{\"elicitation_1\":" + ANSWER_NAME + "},\"requestState\":\""
                        + asked.path("requestState").asText() + "\"", "")
                .replace("\"io.modelcontextprotocol/clientCapabilities\":{}",
                        "\"io.modelcontextprotocol/clientCapabilities\":{\"elicitation\":{}}"), McpHarness.TOKEN);
        firstEvents.close(); // the first round's stream ends only now, while the retry runs at the server
        FakeChannel server = mcp.servers.thatReceived("tools/call");
        McpHarness.eventually(() -> server.server().slowWaiting() == 1, () -> "the answer reached the server");
        server.server().releaseSlow();

        JsonNode done = JsonRpc.parse(McpHarness.nextMessage(assertInstanceOf(McpHttpResponse.Stream.class, retry)
                .source()).data());
        assertEquals(2, done.path("id").asInt(), done::toString);
        assertEquals("slow done", done.path("result").path("content").path(0).path("text").asText(), done::toString);
        assertTrue(server.receivedSoFar().stream().noneMatch(m -> "notifications/cancelled"
                .equals(m.path("method").asText())), "nothing was cancelled at the server");
    }
}
