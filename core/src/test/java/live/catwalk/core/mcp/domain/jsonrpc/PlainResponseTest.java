package live.catwalk.core.mcp.domain.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlainResponseTest {

    @Test
    void findsTheIdOfAResultAndSplicesAnotherInPassingTheRestThrough() {
        String line = "{\"jsonrpc\":\"2.0\",\"id\":42,\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"a \\\"q\\\" \\u00e9\"}],"
                + "\"n\":-1.5e3,\"ok\":true,\"none\":null}}";

        PlainResponse response = PlainResponse.scan(line);

        assertNotNull(response);
        assertEquals(42, response.id());
        assertEquals(line.replace("\"id\":42", "\"id\":\"client-7\""), response.withId("\"client-7\""));
        assertEquals(JsonRpc.parse(line.replace("42", "7")), JsonRpc.parse(response.withId("7")));
    }

    @Test
    void takesErrorsSpacesAndAnyMemberOrder() {
        PlainResponse response = PlainResponse.scan("{ \"error\" : {\"code\":-32601,\"message\":\"no\"} , \"id\" : -3 ,"
                + " \"jsonrpc\" : \"2.0\" }");

        assertNotNull(response);
        assertEquals(-3, response.id());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"jsonrpc\":\"2.0\",\"id\":\"s\",\"result\":{}}", // a string id: parsed as usual
        "{\"jsonrpc\":\"2.0\",\"id\":1.0,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":01,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":12345678901234567890,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", // a request
        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"result\":{}}",
        "{\"jsonrpc\":\"1.0\",\"id\":1,\"result\":{}}",
        "{\"id\":1,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"\\u0069d\":1,\"result\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{]}", // not JSON
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"a\":tru}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"tab\there\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"\\x\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":[1,]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}} ",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\r\"result\":{}}", // a CR would end an SSE data line: re-serialised
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}{}",
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}]",
        "{}",
        "{"
    })
    void leavesEverythingElseToTheParser(String line) {
        assertNull(PlainResponse.scan(line));
    }

    @Test
    void leavesNestingDeeperThanTheParserAllowsToIt() {
        int depth = JsonRpc.MAX_NESTING_DEPTH;
        String within = "[".repeat(depth - 1) + "]".repeat(depth - 1);
        String beyond = "[".repeat(depth) + "]".repeat(depth);

        JsonRpc.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + within + "}"); // the parser takes it
        assertThrows(JsonRpc.MalformedJson.class,
                () -> JsonRpc.parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + beyond + "}"));
        assertNotNull(PlainResponse.scan("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + within + "}"));
        assertNull(PlainResponse.scan("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":" + beyond + "}"));
    }
}
