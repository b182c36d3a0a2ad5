package live.catwalk.core.shared.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import live.catwalk.core.shared.domain.TelemetryEvent.McpRequest;
import live.catwalk.core.shared.domain.TelemetryEvent.McpRequest.Era;
import live.catwalk.core.shared.domain.TelemetryEvent.McpRequest.Outcome;
import org.junit.jupiter.api.Test;

/** Labels come from closed sets: anything else is refused, so no metric grows a series per request. */
class TelemetryEventTest {

    @Test
    void anOutcomeIsReadFromTheStatusAlone() {
        assertEquals(List.of(Outcome.OK, Outcome.OK, Outcome.UNAUTHORIZED, Outcome.UNAUTHORIZED, Outcome.LIMITED,
                        Outcome.REFUSED, Outcome.REFUSED, Outcome.UNAVAILABLE, Outcome.UNAVAILABLE, Outcome.ERROR),
                List.of(200, 202, 401, 403, 429, 404, 421, 503, 504, 500).stream().map(Outcome::of).toList());
        assertEquals("unavailable", Outcome.UNAVAILABLE.label());
        assertEquals("2026", Era.STATELESS_2026.label());
    }

    @Test
    void onlyMcpsOwnMethodNamesAndTheShapesAreMethodLabels() {
        assertEquals("tools/call", McpRequest.methodLabel("tools/call"));
        assertEquals("other", McpRequest.methodLabel("tools/call/cwd_secret"));
        assertEquals("other", McpRequest.methodLabel(null));
        assertThrows(IllegalArgumentException.class,
                () -> new McpRequest("/mcp/dep-1", Era.UNKNOWN, Outcome.OK, 0));
        assertEquals(0, new McpRequest("ping", Era.UNKNOWN, Outcome.OK, -5).nanos(), "never negative");
    }

    @Test
    void oauthAndRateLimitLabelsAreBoundedToo() {
        assertEquals("other", TelemetryEvent.OAuthToken.grantTypeLabel("urn:ietf:params:oauth:grant-type:jwt-bearer"));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryEvent.OAuthToken("password", "issued"));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryEvent.OAuthToken("refresh_token", "nope"));
        assertEquals("mcp_token", new TelemetryEvent.RateLimited("mcp_token").where());
        assertThrows(IllegalArgumentException.class, () -> new TelemetryEvent.RateLimited("/api/users/42"));
        assertThrows(IllegalArgumentException.class, () -> new TelemetryEvent.RateLimited("a".repeat(33)));
    }
}
