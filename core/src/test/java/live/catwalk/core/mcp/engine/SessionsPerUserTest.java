package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.TOKEN;
import static live.catwalk.core.mcp.engine.McpHarness.call;
import static live.catwalk.core.mcp.engine.McpHarness.clientHeaders;
import static live.catwalk.core.mcp.engine.McpHarness.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.port.in.ServeMcp;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.mcp.port.out.McpAccess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions over all of one owner's deployments are capped; other owners and untenanted ones are not. */
class SessionsPerUserTest {

    private static final McpAccess ANY = McpAccess.bearer((deployment, token) -> token.filter(TOKEN::equals).map(t -> "alice"));
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-03-26\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private final McpEndpoints endpoints;
    private final ServeMcp serve;

    SessionsPerUserTest() {
        GatewayLimits d = GatewayLimits.defaults();
        endpoints = new McpEndpoints(new FakeStdioServers(), new CountingSessionIds(), new MutableClock(Instant.EPOCH),
                McpHarness.fastSettings(), new GatewayLimits(d.maxBatch(), d.maxInFlightPerSession(),
                d.maxInFlightPerDeployment(), d.retainedBytes(), d.unreadTailBytes(), 2), "1");
        ServerCommand command = new ServerCommand(List.of("fake-server"), Map.of());
        endpoints.register("d1", command, SessionMode.SHARED, "owner-1");
        endpoints.register("d2", command, SessionMode.ISOLATED, "owner-1");
        endpoints.register("d3", command, SessionMode.SHARED, "owner-2");
        endpoints.register("d4", command, SessionMode.SHARED);
        serve = McpHarness.serving(endpoints, ANY, DeploymentStates.NONE);
    }

    @AfterEach
    void close() {
        endpoints.close();
    }

    private McpHttpResponse send(String deployment, String method, String session, String body) {
        McpHttpRequest request = new McpHttpRequest(deployment, method, Headers.single(clientHeaders(session)),
                body.getBytes(StandardCharsets.UTF_8), Optional.of(TOKEN));
        return serve.serve(request);
    }

    private String initialize(String deployment) {
        McpHttpResponse response = send(deployment, "POST", null, INIT);
        assertEquals(200, response.status(), () -> McpHarness.body(response));
        return response.headers().get("Mcp-Session-Id");
    }

    @Test
    void theOwnersLimitCountsAllTheirDeploymentsAndEndsNoSessionToMakeRoom() {
        String first = initialize("d1");
        initialize("d2");

        McpHttpResponse refused = send("d1", "POST", null, INIT);

        assertEquals(429, refused.status());
        JsonNode error = json(refused).path("error");
        assertEquals(JsonRpc.TRANSPORT_ERROR, error.path("code").asInt());
        assertTrue(error.path("message").asText().contains("CATWALK_MAX_SESSIONS_PER_USER"), error::toString);
        assertTrue(error.path("message").asText().contains("2"), error::toString);
        assertEquals(200, send("d1", "POST", first, call(1, "echo", "")).status(), "the first session lives on");
    }

    @Test
    void otherOwnersAndUncountedDeploymentsAreNotLimited() {
        initialize("d1");
        initialize("d1");

        initialize("d3");
        for (int i = 0; i < 4; i++) {
            initialize("d4");
        }
    }

    @Test
    void anEndedSessionOrAnUnregisteredDeploymentGivesItsPlaceBack() {
        String first = initialize("d1");
        initialize("d2");

        int ended = send("d1", "DELETE", first, "").status();
        assertTrue(ended >= 200 && ended < 300, () -> "DELETE answered " + ended);
        initialize("d1");
        assertEquals(429, send("d1", "POST", null, INIT).status());

        endpoints.unregister("d2");
        initialize("d1");
    }
}
