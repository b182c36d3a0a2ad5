package live.catwalk.core.mcp.usecase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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
import live.catwalk.core.mcp.port.out.McpUpstream;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

/** The edge of {@code /mcp}, over a fake upstream: what reaches the upstream, and what never does. */
class ServeMcpServiceTest {

    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{}}";

    private final FakeMcpUpstreams upstreams = new FakeMcpUpstreams();
    private final FakeMcpUpstreams.Upstream upstream = upstreams.serve("dep",
            exchange -> new McpHttpResponse.Json(200, Map.of("X-Upstream", "fake"), "{}".getBytes(StandardCharsets.UTF_8)));
    private final List<String> decisions = new ArrayList<>();
    private final McpAccess access = (deployment, headers, token) -> {
        decisions.add(deployment);
        return token.filter("good"::equals).<McpAccess.Decision>map(t -> new McpAccess.Decision.Granted("alice"))
                .orElseGet(() -> new McpAccess.Decision.Refused(Challenge.bearer()));
    };
    private final ServeMcpService serve = new ServeMcpService(GatewaySettings.defaults(), GatewayLimits.defaults(),
            access, DeploymentStates.NONE, upstreams);

    private static Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:8080");
        h.put("Accept", "application/json, text/event-stream");
        h.put("Content-Type", "application/json");
        h.put("Authorization", "Bearer good");
        h.put("Mcp-Session-Id", "s-1");
        return h;
    }

    private McpHttpResponse send(String method, Map<String, String> headers, RequestBody body, String token) {
        return serve.serve(new McpHttpRequest("dep", method, Headers.single(headers), body, Optional.ofNullable(token)));
    }

    @Test
    void anAdmittedPostReachesTheUpstreamOnceParsedWithThePrincipalAndWithoutTheCredential() {
        McpHttpResponse answer = send("POST", headers(), RequestBody.of(CALL.getBytes(StandardCharsets.UTF_8)), "good");

        assertEquals("fake", answer.headers().get("X-Upstream"), "the upstream's answer is the answer");
        assertEquals(1, upstream.seen().size());
        McpUpstream.Exchange exchange = upstream.seen().getFirst();
        assertEquals("alice", exchange.principal());
        assertEquals("POST", exchange.method());
        assertEquals(Optional.empty(), exchange.headers().first("Authorization"), "no credential goes upstream");
        assertEquals(Optional.of("s-1"), exchange.headers().first("Mcp-Session-Id"));
        McpUpstream.Posted posted = exchange.posted().orElseThrow();
        assertArrayEquals(CALL.getBytes(StandardCharsets.UTF_8), posted.bytes());
        assertEquals(7, posted.replyId().asInt());
        assertFalse(posted.batch());
        assertEquals(List.of("dep"), decisions, "access is decided once per request");
    }

    @Test
    void getAndDeleteReachTheUpstreamWithoutABodyAndAnyOtherMethodIs405() {
        Map<String, String> get = headers();
        get.put("Accept", "text/event-stream");
        get.put("Last-Event-ID", "s-1:3");
        send("GET", get, RequestBody.NONE, "good");
        send("DELETE", headers(), RequestBody.NONE, "good");
        McpHttpResponse put = send("PUT", headers(), RequestBody.NONE, "good");

        assertEquals(List.of("GET", "DELETE"), upstream.seen().stream().map(McpUpstream.Exchange::method).toList());
        assertEquals(Optional.of("s-1:3"), upstream.seen().getFirst().headers().first("Last-Event-ID"),
                "a resumption reaches the upstream");
        assertTrue(upstream.seen().stream().allMatch(e -> e.posted().isEmpty()));
        assertEquals(405, put.status());
    }

    @Test
    void everyEdgeRefusalKeepsTheUpstreamAndARefusedCallersBodyUntouched() {
        AtomicInteger reads = new AtomicInteger();
        RequestBody counted = max -> {
            reads.incrementAndGet();
            return Optional.of(CALL.getBytes(StandardCharsets.UTF_8));
        };
        Map<String, String> badHost = headers();
        badHost.put("Host", "evil.example");
        Map<String, String> badOrigin = headers();
        badOrigin.put("Origin", "https://evil.example");
        Map<String, String> badAccept = headers();
        badAccept.put("Accept", "application/json");
        Map<String, String> badType = headers();
        badType.put("Content-Type", "text/plain");
        Map<String, String> getWithoutSse = headers();
        getWithoutSse.put("Accept", "application/json");

        assertEquals(421, send("POST", badHost, counted, "good").status());
        assertEquals(403, send("POST", badOrigin, counted, "good").status());
        McpHttpResponse refused = send("POST", headers(), counted, "wrong");
        assertEquals(401, refused.status());
        assertEquals(Challenge.bearer().header(), refused.headers().get("WWW-Authenticate"));
        assertEquals(406, send("POST", badAccept, counted, "good").status());
        assertEquals(415, send("POST", badType, counted, "good").status());
        assertEquals(406, send("GET", getWithoutSse, RequestBody.NONE, "good").status());
        assertEquals(0, reads.get(), "no body is read before the checks that need none pass");
        assertEquals(List.of("dep", "dep", "dep", "dep"), decisions, "Host and Origin come before access");

        assertEquals(413, send("POST", headers(), max -> Optional.empty(), "good").status());
        assertEquals(400, send("POST", headers(), RequestBody.of("{\"jsonrpc\":".getBytes(StandardCharsets.UTF_8)),
                "good").status());
        assertEquals(List.of(), upstream.seen(), "nothing refused at the edge reaches the upstream");
    }

    @Test
    void aTokenThatCannotBeCheckedNowIs503WithRetryAfterAndAnyOtherFailureIsNotHidden() {
        McpAccess unreachable = (deployment, headers, token) -> {
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                    "The connection to the database was lost (SQL state 57P01).");
        };
        AtomicInteger reads = new AtomicInteger();
        McpHttpResponse answer = new ServeMcpService(GatewaySettings.defaults(), GatewayLimits.defaults(), unreachable,
                DeploymentStates.NONE, upstreams).serve(new McpHttpRequest("dep", "POST", Headers.single(headers()),
                max -> {
                    reads.incrementAndGet();
                    return Optional.empty();
                }, Optional.of("good")));

        assertEquals(503, answer.status());
        assertEquals("5", answer.headers().get("Retry-After"));
        String body = new String(((McpHttpResponse.Json) answer).body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("-32002") && body.contains("SQL state 57P01") && body.contains("retry shortly"), body);
        assertEquals(0, reads.get(), "the body of a caller not yet admitted is not read");
        assertEquals(List.of(), upstream.seen());

        McpAccess broken = (deployment, headers, token) -> {
            throw CatwalkException.of(CatwalkException.Kind.INTERNAL, "a bug");
        };
        assertThrows(CatwalkException.class, () -> new ServeMcpService(GatewaySettings.defaults(),
                GatewayLimits.defaults(), broken, DeploymentStates.NONE, upstreams).serve(new McpHttpRequest("dep",
                "POST", Headers.single(headers()), RequestBody.NONE, Optional.of("good"))), "left to the adapter: 500");
    }

    @Test
    void atShutdownAndForADeploymentWithoutUpstreamNothingIsForwarded() {
        McpHttpResponse unknown = serve.serve(new McpHttpRequest("other", "POST", Headers.single(headers()),
                CALL.getBytes(StandardCharsets.UTF_8), Optional.of("good")));
        upstreams.shutDown();
        McpHttpResponse shutting = send("POST", headers(), RequestBody.of(CALL.getBytes(StandardCharsets.UTF_8)), "good");

        assertEquals(401, unknown.status(), "a deployment nobody knows answers as a wrong token does");
        assertEquals(503, shutting.status());
        assertTrue(new String(((McpHttpResponse.Json) shutting).body(), StandardCharsets.UTF_8).contains("\"id\":7"),
                "the shutdown answer echoes the request's id");
        assertEquals(List.of(), upstream.seen());
    }
}
