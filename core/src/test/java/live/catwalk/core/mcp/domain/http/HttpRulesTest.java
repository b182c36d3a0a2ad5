package live.catwalk.core.mcp.domain.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Accept header rule: a media range names the type, the type with any subtype, or anything. */
class HttpRulesTest {

    @ParameterizedTest(name = "[{index}] Accept: {0} → json {1}, sse {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "application/json, text/event-stream              | true  | true",
        "text/event-stream,application/json               | true  | true",
        "APPLICATION/JSON ; q=0.9 , Text/Event-Stream     | true  | true",
        "application/*                                    | true  | false",
        "*/*                                              | true  | true",
        "*/*;q=0.1                                        | true  | true",
        "application/json                                 | true  | false",
        "application/jsonx, text/event-streams            | false | false",
        "*/json                                           | false | false",
        "application                                      | false | false",
        "''                                               | false | false",
        "','                                              | false | false",
        "NULL                                             | false | false",
        "'text/html,application/json;charset=utf-8,'      | true  | false",
    })
    void acceptsAMediaRangeOnlyWhenItCoversTheType(String accept, boolean json, boolean sse) {
        assertEquals(json, HttpRules.accepts(accept, "application", "json"), "application/json");
        assertEquals(sse, HttpRules.accepts(accept, "text", "event-stream"), "text/event-stream");
    }
}
