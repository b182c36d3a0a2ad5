package live.catwalk.core.mcp.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.mcp.domain.http.Challenge;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.RequestBody;
import live.catwalk.core.mcp.fakes.FakeMcpUpstreams;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.shared.domain.TelemetryEvent.McpRequest;
import live.catwalk.core.shared.domain.TelemetryEvent.McpRequest.Era;
import live.catwalk.core.shared.domain.TelemetryEvent.McpRequest.Outcome;
import live.catwalk.core.shared.fakes.RecordingTelemetry;
import org.junit.jupiter.api.Test;

/** What the edge of {@code /mcp} reports of each answered request: method label, era, outcome and duration. */
class ServeMcpTelemetryTest {

    private final RecordingTelemetry telemetry = new RecordingTelemetry();
    private final FakeMcpUpstreams upstreams = new FakeMcpUpstreams();
    private final McpAccess access = (deployment, headers, token) -> token.filter("good"::equals)
            .<McpAccess.Decision>map(t -> new McpAccess.Decision.Granted("alice"))
            .orElseGet(() -> new McpAccess.Decision.Refused(Challenge.bearer()));
    private final ServeMcpService serve = new ServeMcpService(GatewaySettings.defaults(), GatewayLimits.defaults(),
            access, DeploymentStates.NONE, upstreams, telemetry);

    ServeMcpTelemetryTest() {
        upstreams.serve("dep", exchange -> new McpHttpResponse.Empty(202, Map.of()));
    }

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:8080");
        h.put("Accept", "application/json, text/event-stream");
        h.put("Content-Type", "application/json");
        return h;
    }

    private McpRequest post(String body, String token) {
        return send("POST", headers(), body, token);
    }

    private McpRequest send(String method, Map<String, String> headers, String body, String token) {
        serve.serve(new McpHttpRequest("dep", method, Headers.single(headers),
                body == null ? RequestBody.NONE : RequestBody.of(body.getBytes(StandardCharsets.UTF_8)),
                Optional.ofNullable(token)));
        return telemetry.events(McpRequest.class).getLast();
    }

    @Test
    void eachAnsweredRequestIsReportedOnceWithItsMethodEraOutcomeAndDuration() {
        McpRequest call = post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{}}", "good");

        assertEquals(new McpRequest("tools/call", Era.SESSIONFUL_2025, Outcome.OK, RecordingTelemetry.TICK), call,
                "timed from the first reading to the last: one tick");
        assertEquals(1, telemetry.events().size());
    }

    @Test
    void methodLabelsComeOnlyFromMcpsOwnNamesAndTheRequestsShape() {
        assertEquals("other", post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"acme/secret-42\"}", "good").method());
        assertEquals("notifications/initialized",
                post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}", "good").method());
        assertEquals("response", post("{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"result\":{}}", "good").method());
        assertEquals("batch", post("[{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}]", "good").method());
        Map<String, String> stream = headers();
        stream.put("Accept", "text/event-stream");
        assertEquals(new McpRequest("stream", Era.SESSIONFUL_2025, Outcome.OK, RecordingTelemetry.TICK),
                send("GET", stream, null, "good"));
        assertEquals("end_session", send("DELETE", headers(), null, "good").method());
    }

    @Test
    void aRequestRefusedBeforeItsBodyIsReadIsUnreadOfNoKnownEra() {
        assertEquals(new McpRequest("unread", Era.UNKNOWN, Outcome.UNAUTHORIZED, RecordingTelemetry.TICK),
                post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", "wrong"));
        assertEquals(new McpRequest("unread", Era.UNKNOWN, Outcome.REFUSED, RecordingTelemetry.TICK),
                send("PUT", headers(), null, "good"), "405");
        assertEquals(new McpRequest("unread", Era.UNKNOWN, Outcome.REFUSED, RecordingTelemetry.TICK),
                post("{\"jsonrpc\":", "good"), "400: not JSON");
    }

    @Test
    void aStatelessClaimIsThe2026EraAndAContradictionIsUnknown() {
        String claim = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"_meta\":{"
                + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
        assertEquals(Era.STATELESS_2026, post(claim, "good").era());
        Map<String, String> contradicted = headers();
        contradicted.put("MCP-Protocol-Version", "2025-06-18");
        assertEquals(Era.UNKNOWN, send("POST", contradicted, claim, "good").era());
    }

    @Test
    void anUpstreamThatThrowsIsReportedAsAnError() {
        upstreams.serve("dep", exchange -> {
            throw new IllegalStateException("bug");
        });

        assertThrows(IllegalStateException.class,
                () -> post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", "good"));
        assertEquals(List.of(new McpRequest("ping", Era.SESSIONFUL_2025, Outcome.ERROR, RecordingTelemetry.TICK)),
                telemetry.events(McpRequest.class));
    }
}
