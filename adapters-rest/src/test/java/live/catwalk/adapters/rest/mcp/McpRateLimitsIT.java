package live.catwalk.adapters.rest.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.adapters.rest.RateLimits;
import live.catwalk.adapters.rest.RestServer;
import live.catwalk.adapters.rest.TrustedProxies;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.engine.McpEndpoints;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.mcp.usecase.ServeMcpService;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.shared.limit.RateLimit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The MCP endpoint's rate limits on the wire: a 401 with a token counts against the client's address and the token's
 * prefix, and a refusal is 429 with Retry-After and a JSON-RPC error naming the limit; a token's admitted requests
 * count against its budget.
 */
class McpRateLimitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A well-formed deployment token (visible prefix cwd_DePlOyTk), and a wrong one with the same prefix. */
    private static final String TOKEN = "cwd_DePlOyTk" + "a".repeat(32);
    private static final String GUESS = "cwd_DePlOyTk" + "b".repeat(32);
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"r\",\"version\":\"1\"}}}";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private McpEndpoints endpoints;
    private RestServer server;
    private URI base;

    private void start(RateLimits limits) throws Exception {
        GatewaySettings settings = GatewaySettings.defaults();
        GatewayLimits gatewayLimits = GatewayLimits.defaults();
        endpoints = new McpEndpoints(new FakeStdioServers(), new CountingSessionIds(), clock, settings, gatewayLimits,
                "1");
        endpoints.register("dep", new ServerCommand(List.of("fake"), Map.of()), SessionMode.SHARED);
        McpAccess access = McpAccess.bearer((deployment, token) -> token.filter(TOKEN::equals).map(t -> "u"));
        server = RestServer.builder("127.0.0.1", 0)
                .mcpEndpoint(new ServeMcpService(settings, gatewayLimits, access, DeploymentStates.NONE, endpoints),
                        Duration.ofSeconds(15))
                .rateLimits(limits, clock)
                .build();
        base = server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ZERO);
        endpoints.close();
    }

    private RawHttp.Reply initialize(String token, String path) throws Exception {
        Map<String, String> headers = new java.util.LinkedHashMap<>(McpHttpRulesIT.headers(null));
        if (token == null) {
            headers.remove("Authorization");
        } else {
            headers.put("Authorization", "Bearer " + token);
        }
        return RawHttp.send(base, "POST", path, headers, INIT);
    }

    private static void assertLimited(RawHttp.Reply reply, String limit, long seconds) throws Exception {
        assertEquals(429, reply.status(), reply::body);
        assertEquals(String.valueOf(seconds), reply.header("Retry-After"));
        JsonNode error = JSON.readTree(reply.body()).path("error");
        assertEquals(JsonRpc.TRANSPORT_ERROR, error.path("code").asInt(), reply::body);
        assertTrue(error.path("message").asText().contains(limit)
                && error.path("message").asText().contains("retry in " + seconds + " s"), reply::body);
    }

    @Test
    void wrongTokensFromAnAddressGetItRefused429UntilItsWindowEndsButAProbeWithoutOneStill401() throws Exception {
        start(new RateLimits(Optional.of(new RateLimit(2, Duration.ofMinutes(1))), Optional.empty(), Optional.empty(),
                Optional.empty(), TrustedProxies.none()));
        assertEquals(401, initialize("wrong-token", "/mcp/dep").status());
        assertEquals(401, initialize(null, "/mcp/dep?token=also-wrong").status(), "a query token counts as well");
        clock.advance(Duration.ofSeconds(15));

        assertLimited(initialize(TOKEN, "/mcp/dep"), "2 failed authentications a minute", 45);
        assertEquals(401, initialize(null, "/mcp/dep").status(), "OAuth discovery without a token is not refused");
        clock.advance(Duration.ofSeconds(45));
        assertEquals(200, initialize(TOKEN, "/mcp/dep").status());
    }

    @Test
    void aTokenPrefixThatFailedTooOftenIsRefusedWithoutShowingTheToken() throws Exception {
        start(new RateLimits(Optional.empty(), Optional.of(new RateLimit(2, Duration.ofMinutes(1))), Optional.empty(),
                Optional.empty(), TrustedProxies.none()));
        assertEquals(401, initialize(GUESS, "/mcp/dep").status());
        assertEquals(401, initialize(GUESS, "/api/mcp/dep").status());

        RawHttp.Reply refused = initialize(TOKEN, "/mcp/dep");

        assertLimited(refused, "2 failed authentications a minute", 60);
        assertTrue(refused.body().contains("cwd_DePlOyTk"), refused::body);
        assertFalse(refused.body().contains("aaaaaaaa") || refused.body().contains("bbbbbbbb"), refused::body);
    }

    @Test
    void aTokensAdmittedRequestsSpendItsBudgetAndWrongOnesWithItsPrefixDoNot() throws Exception {
        start(new RateLimits(Optional.empty(), Optional.empty(), Optional.of(new RateLimit(3, Duration.ofMinutes(1))),
                Optional.empty(), TrustedProxies.none()));
        for (int i = 0; i < 5; i++) {
            assertEquals(401, initialize(GUESS, "/mcp/dep").status());
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(200, initialize(TOKEN, "/mcp/dep").status(), "request " + i);
        }

        RawHttp.Reply spent = initialize(TOKEN, "/mcp/dep");

        assertLimited(spent, "3 requests a minute", 60);
        assertTrue(JSON.readTree(spent.body()).path("error").path("message").asText().contains("request budget"));
        clock.advance(Duration.ofMinutes(1));
        assertEquals(200, initialize(TOKEN, "/mcp/dep").status());
    }
}
