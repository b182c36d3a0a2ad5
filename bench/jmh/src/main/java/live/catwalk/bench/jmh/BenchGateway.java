package live.catwalk.bench.jmh;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.engine.McpEndpoints;
import live.catwalk.core.mcp.port.in.ServeMcp;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.mcp.usecase.ServeMcpService;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;

/**
 * Core's MCP engine wired as bootstrap wires it, minus HTTP: {@link McpEndpoints} behind {@link ServeMcpService},
 * one deployment in shared session mode over an {@link EchoServers} server, with {@code sessions} 2025 sessions
 * opened through {@code initialize}. Access grants every caller (the token check, an adapter's, is not measured).
 */
public final class BenchGateway implements AutoCloseable {

    public static final String DEPLOYMENT = "bench";
    public static final String PRINCIPAL = "bench-user";
    private static final McpAccess ACCESS = (deployment, headers, token) -> new McpAccess.Decision.Granted(PRINCIPAL);

    public final McpEndpoints endpoints;
    public final ServeMcp serve;
    /** The ids of the sessions opened, in order. */
    public final String[] sessionIds;

    public BenchGateway(EchoServers.Answer answer, int sessions) {
        GatewaySettings d = GatewaySettings.defaults();
        GatewaySettings settings = new GatewaySettings(d.allowedHosts(), d.allowedOrigins(), d.maxBodyBytes(),
                d.jsonWindow(), d.idleTimeout(), Math.max(d.maxSessions(), sessions + 10), d.maxChildren(),
                d.requestTimeout(), Duration.ofSeconds(10), d.eventLogEvents(), d.eventLogBytes(), d.retryMillis());
        endpoints = new McpEndpoints(new EchoServers(answer), new RandomSessionIds(), Clock.systemUTC(), settings,
                GatewayLimits.defaults(), "bench");
        endpoints.register(DEPLOYMENT, new ServerCommand(List.of("bench-echo"), Map.of()), SessionMode.SHARED)
                .ifPresent(problem -> {
                    throw new IllegalStateException(problem);
                });
        serve = new ServeMcpService(settings, GatewayLimits.defaults(), ACCESS, DeploymentStates.NONE, endpoints);
        sessionIds = new String[sessions];
        for (int i = 0; i < sessions; i++) {
            sessionIds[i] = initialize(i);
        }
    }

    private String initialize(int n) {
        McpHttpResponse init = post(Messages.baseHeaders(), "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                + "\"clientInfo\":{\"name\":\"bench-" + n + "\",\"version\":\"1\"}}}");
        String id = init.headers().get("Mcp-Session-Id");
        if (init.status() != 200 || id == null) {
            throw new IllegalStateException("initialize answered " + describe(init));
        }
        McpHttpResponse initialized = post(Messages.headers2025(id),
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
        if (initialized.status() != 202) {
            throw new IllegalStateException("notifications/initialized answered " + describe(initialized));
        }
        return id;
    }

    /** POSTs {@code body} with {@code headers} through {@link ServeMcp#serve}. */
    public McpHttpResponse post(Map<String, String> headers, String body) {
        return post(Headers.single(headers), Messages.utf8(body));
    }

    /** As above, with headers and body made beforehand. */
    public McpHttpResponse post(Headers headers, byte[] body) {
        return serve.serve(new McpHttpRequest(DEPLOYMENT, "POST", headers, body, Optional.of("bench-token")));
    }

    /** The status and body of {@code response}, for a failed check. */
    public static String describe(McpHttpResponse response) {
        return response instanceof McpHttpResponse.Json json
                ? response.status() + " " + new String(json.body(), java.nio.charset.StandardCharsets.UTF_8)
                : response.toString();
    }

    @Override
    public void close() {
        endpoints.close();
    }
}
