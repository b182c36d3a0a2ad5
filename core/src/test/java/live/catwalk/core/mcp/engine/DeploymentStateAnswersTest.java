package live.catwalk.core.mcp.engine;

import static live.catwalk.core.mcp.engine.McpHarness.DEPLOYMENT;
import static live.catwalk.core.mcp.engine.McpHarness.TOKEN;
import static live.catwalk.core.mcp.engine.McpHarness.body;
import static live.catwalk.core.mcp.engine.McpHarness.call;
import static live.catwalk.core.mcp.engine.McpHarness.clientHeaders;
import static live.catwalk.core.mcp.engine.McpHarness.json;
import static live.catwalk.core.mcp.engine.McpHarness.nextMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import live.catwalk.core.mcp.port.in.ServeMcp;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.RequestBody;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.protocol.ProtocolVersion;
import live.catwalk.core.mcp.fakes.CountingSessionIds;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.fakes.MutableClock;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /mcp/{id}} with a valid token for every state of the deployment: stopped and failed are 503 with
 * what to do, pending and starting wait for the start, shutting down says so; only an unknown deployment or
 * a wrong token is 401. Errors answer the request's own id, a {@code server/discover} probe's included.
 */
class DeploymentStateAnswersTest {

    private static final String PROBE = "{\"jsonrpc\":\"2.0\",\"id\":\"server-discover-probe-1\","
            + "\"method\":\"server/discover\",\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\",\"io.modelcontextprotocol/clientCapabilities\":{}}}}";
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private final FakeStdioServers servers = new FakeStdioServers();
    private final AtomicReference<DeploymentStates.Stored> stored = new AtomicReference<>();
    private final AtomicInteger lookups = new AtomicInteger();
    private final DeploymentStates states = id -> {
        lookups.incrementAndGet();
        return id.equals(DEPLOYMENT) ? Optional.ofNullable(stored.get()) : Optional.empty();
    };
    private final McpEndpoints endpoints = new McpEndpoints(servers, new CountingSessionIds(),
            new MutableClock(Instant.parse("2026-12-04T21:00:00Z")), settings(Duration.ofSeconds(2)), "9.9.9");
    private final ServeMcp serve = McpHarness.serving(endpoints, McpHarness.ACCESS, states);

    @AfterEach
    void close() {
        endpoints.close();
    }

    private static GatewaySettings settings(Duration startTimeout) {
        GatewaySettings d = McpHarness.fastSettings();
        return new GatewaySettings(d.allowedHosts(), d.allowedOrigins(), d.maxBodyBytes(), d.jsonWindow(),
                d.idleTimeout(), d.maxSessions(), d.maxChildren(), d.requestTimeout(), startTimeout,
                d.eventLogEvents(), d.eventLogBytes(), d.retryMillis());
    }

    private void state(DesiredState desired, DeploymentStatus status, String reason) {
        stored.set(new DeploymentStates.Stored(desired, status, Optional.ofNullable(reason)));
    }

    private void register() {
        endpoints.register(DEPLOYMENT, new ServerCommand(List.of("fake-server"), Map.of()), SessionMode.SHARED);
    }

    private McpHttpResponse send(String session, String body, String token) {
        return serve.serve(McpHarness.request("POST", clientHeaders(session), body, token));
    }

    private static McpHttpResponse probe(ServeMcp serve) {
        Map<String, String> headers = clientHeaders(null);
        headers.put("MCP-Protocol-Version", "2026-07-28");
        headers.put("Mcp-Method", "server/discover");
        return serve.serve(McpHarness.request("POST", headers, PROBE, TOKEN));
    }

    private static JsonNode error(McpHttpResponse response, int status) {
        assertEquals(status, response.status(), () -> body(response));
        JsonNode json = json(response);
        assertEquals("2.0", json.path("jsonrpc").asText());
        return json;
    }

    @Test
    void aStoppedDeploymentIs503WithHowToStartIt() {
        state(DesiredState.STOPPED, DeploymentStatus.STOPPED, null);

        JsonNode init = error(send(null, INITIALIZE, TOKEN), 503);
        JsonNode discover = error(probe(serve), 503);
        JsonNode stream = error(serve.serve(McpHarness.request("GET", clientHeaders("s-1"), null, TOKEN)), 503);

        assertEquals(0, init.path("id").asInt());
        assertEquals(JsonRpc.SERVER_UNAVAILABLE, init.path("error").path("code").asInt());
        assertEquals("The deployment is stopped; its owner can start it with POST /api/deployments/dep/start.",
                init.path("error").path("message").asText());
        assertEquals("server-discover-probe-1", discover.path("id").asText());
        assertEquals(init.path("error").path("message"), discover.path("error").path("message"));
        assertEquals(JsonRpc.INTERNAL_ERROR, discover.path("error").path("code").asInt(), "no -32002 in 2026-07-28");
        assertTrue(stream.path("id").isNull());
        assertEquals(init.path("error"), stream.path("error"));
    }

    @Test
    void aDeploymentBeingStoppedIsAlreadyStopped() {
        state(DesiredState.STOPPED, DeploymentStatus.RUNNING, null);

        JsonNode answer = error(send(null, INITIALIZE, TOKEN), 503);

        assertTrue(answer.path("error").path("message").asText().startsWith("The deployment is stopped"), answer::toString);
    }

    @Test
    void aFailedDeploymentIs503WithItsStoredReason() {
        state(DesiredState.RUNNING, DeploymentStatus.FAILED, "variables no server may set: LD_PRELOAD; replace the "
                + "deployment's variables");

        JsonNode init = error(send(null, INITIALIZE, TOKEN), 503);
        JsonNode discover = error(probe(serve), 503);

        assertEquals(0, init.path("id").asInt());
        assertEquals(JsonRpc.SERVER_UNAVAILABLE, init.path("error").path("code").asInt());
        assertEquals("The deployment failed: variables no server may set: LD_PRELOAD; replace the deployment's "
                + "variables. Fix the cause, then start it again with POST /api/deployments/dep/start.",
                init.path("error").path("message").asText());
        assertEquals("server-discover-probe-1", discover.path("id").asText());
        assertEquals(init.path("error").path("message"), discover.path("error").path("message"));
        assertEquals(JsonRpc.INTERNAL_ERROR, discover.path("error").path("code").asInt(),
                "2026-07-28 retired -32002, which 2025 sessions still get");
    }

    @Test
    void aPendingDeploymentMakesInitializeWaitForTheStart() throws Exception {
        state(DesiredState.RUNNING, DeploymentStatus.PENDING, null);

        CompletableFuture<McpHttpResponse> init = CompletableFuture.supplyAsync(() -> send(null, INITIALIZE, TOKEN));
        Thread.sleep(300);
        assertFalse(init.isDone(), () -> "answered before the start: " + body(init.join()));
        state(DesiredState.RUNNING, DeploymentStatus.STARTING, null);
        register();

        McpHttpResponse answer = init.get(5, TimeUnit.SECONDS);
        assertEquals(200, answer.status(), () -> body(answer));
        assertTrue(answer.headers().containsKey("Mcp-Session-Id"));
        assertEquals("fake", json(answer).path("result").path("serverInfo").path("name").asText(), () -> body(answer));
    }

    @Test
    void aStartingDeploymentMakesTheProbeWaitThenAnswersItsId() throws Exception {
        // e.g. RUNNING in the database after a restart of Catwalk, before the reconciler started it here again
        state(DesiredState.RUNNING, DeploymentStatus.RUNNING, null);

        CompletableFuture<McpHttpResponse> probe = CompletableFuture.supplyAsync(() -> probe(serve));
        Thread.sleep(300);
        assertFalse(probe.isDone());
        register();

        McpHttpResponse discovered = probe.get(5, TimeUnit.SECONDS);
        assertEquals(200, discovered.status(), () -> body(discovered));
        JsonNode answer = json(discovered);
        assertEquals("server-discover-probe-1", answer.path("id").asText());
        assertEquals("2026-07-28", answer.path("result").path("supportedVersions").path(0).asText(), answer::toString);
    }

    @Test
    void aDeploymentThatDoesNotStartInTimeIs503AfterTheStartTimeout() {
        state(DesiredState.RUNNING, DeploymentStatus.VALIDATING, null);
        long before = System.nanoTime();

        JsonNode answer = error(send(null, INITIALIZE, TOKEN), 503);

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - before);
        assertTrue(waited >= 1900 && waited < 4000, "waited " + waited + " ms for a 2 s start timeout");
        assertEquals(0, answer.path("id").asInt());
        assertEquals("The deployment did not start within 2 s; retry shortly, or see its status and events at "
                + "GET /api/deployments/dep.", answer.path("error").path("message").asText());
    }

    @Test
    void aWaitingRequestIsToldOfAFailureMeanwhile() throws Exception {
        state(DesiredState.RUNNING, DeploymentStatus.PENDING, null);

        CompletableFuture<McpHttpResponse> init = CompletableFuture.supplyAsync(() -> send(null, INITIALIZE, TOKEN));
        Thread.sleep(200);
        state(DesiredState.RUNNING, DeploymentStatus.FAILED, "uvx is not installed");

        JsonNode answer = error(init.get(1800, TimeUnit.MILLISECONDS), 503);
        assertEquals(0, answer.path("id").asInt());
        assertTrue(answer.path("error").path("message").asText().startsWith("The deployment failed: uvx is not "
                + "installed. Fix the cause"), answer::toString);
    }

    @Test
    void aSessionOfADeploymentNotStartedHereIsNotFoundAtOnce() {
        state(DesiredState.RUNNING, DeploymentStatus.STARTING, null);

        McpHttpResponse answer = send("old-session", call(3, "echo", ""), TOKEN);

        assertEquals(404, answer.status(), () -> body(answer));
        assertEquals(JsonRpc.SESSION_NOT_FOUND, json(answer).path("error").path("code").asInt());
    }

    @Test
    void onlyAnUnknownDeploymentOrAWrongTokenIs401AndTheyLookAlike() {
        state(DesiredState.STOPPED, DeploymentStatus.STOPPED, null);
        McpHttpResponse.Json unknown = assertInstanceOf(McpHttpResponse.Json.class, serve.serve(new McpHttpRequest(
                "no-such-deployment", "POST", Headers.single(clientHeaders(null)),
                INITIALIZE.getBytes(StandardCharsets.UTF_8), Optional.of(TOKEN))));
        int lookupsBefore = lookups.get();

        McpHttpResponse.Json wrongToken = assertInstanceOf(McpHttpResponse.Json.class, send(null, INITIALIZE, "guess"));
        McpHttpResponse.Json noToken = assertInstanceOf(McpHttpResponse.Json.class, send(null, INITIALIZE, null));
        stored.set(null); // a deleted deployment whose token still authenticates
        McpHttpResponse.Json gone = assertInstanceOf(McpHttpResponse.Json.class, send(null, INITIALIZE, TOKEN));

        assertEquals(lookupsBefore + 1, lookups.get(), "the state is looked up only behind a valid token");
        for (McpHttpResponse.Json refused : List.of(unknown, wrongToken, noToken, gone)) {
            assertEquals(401, refused.status());
            assertEquals(unknown.headers(), refused.headers());
            assertArrayEquals(unknown.body(), refused.body());
        }
        AtomicInteger reads = new AtomicInteger();
        RequestBody counted = max -> {
            reads.incrementAndGet();
            return Optional.of(INITIALIZE.getBytes(StandardCharsets.UTF_8));
        };
        serve.serve(new McpHttpRequest(DEPLOYMENT, "POST", Headers.single(clientHeaders(null)), counted,
                Optional.of("guess")));
        assertEquals(0, reads.get(), "a wrong token never makes Catwalk read the body");
        state(DesiredState.STOPPED, DeploymentStatus.STOPPED, null);
        serve.serve(new McpHttpRequest(DEPLOYMENT, "POST", Headers.single(clientHeaders(null)), counted,
                Optional.of(TOKEN)));
        assertEquals(1, reads.get(), "a valid token is let through to the body, so that a state error can answer its id");
    }

    @Test
    void aProbeOfARunningDeploymentIsDiscoveredAndAServerThatFailedHereIs503WithItsReason() throws Exception {
        state(DesiredState.RUNNING, DeploymentStatus.RUNNING, null);
        register();

        McpHttpResponse discovered = probe(serve);
        assertEquals(200, discovered.status(), () -> body(discovered));
        JsonNode running = json(discovered);
        servers.last().crashAndGiveUp();
        awaitFailed();
        JsonNode failed = error(probe(serve), 503);
        JsonNode init = error(send(null, INITIALIZE, TOKEN), 503);

        assertEquals("server-discover-probe-1", running.path("id").asText());
        assertEquals("fake", running.path("result").path("_meta").path("io.modelcontextprotocol/serverInfo")
                .path("name").asText(), running::toString);
        assertEquals("server-discover-probe-1", failed.path("id").asText());
        assertEquals(JsonRpc.INTERNAL_ERROR, failed.path("error").path("code").asInt(),
                "2026-07-28 retired -32002, which 2025 sessions still get");
        assertEquals(JsonRpc.SERVER_UNAVAILABLE, init.path("error").path("code").asInt());
        String message = failed.path("error").path("message").asText();
        assertTrue(message.startsWith("The deployment failed: The MCP server kept crashing"), message);
        assertTrue(message.contains("'fake-server' ended 5 times"), message);
        assertTrue(message.endsWith("start it again with POST /api/deployments/dep/start."), message);
        assertEquals(0, init.path("id").asInt());
        assertEquals(failed.path("error").path("message"), init.path("error").path("message"));
    }

    @Test
    void shuttingDownAnswersWaitingRequestsAndNewOnesSo() throws Exception {
        state(DesiredState.RUNNING, DeploymentStatus.STARTING, null);
        CompletableFuture<McpHttpResponse> waiting = CompletableFuture.supplyAsync(() -> send(null, INITIALIZE, TOKEN));
        Thread.sleep(200);
        assertFalse(waiting.isDone());

        endpoints.shutDown();

        McpHttpResponse waited = waiting.get(1, TimeUnit.SECONDS);
        JsonNode answer = error(waited, 503);
        JsonNode fresh = error(probe(serve), 503);
        assertEquals(0, answer.path("id").asInt());
        assertEquals(JsonRpc.SERVER_UNAVAILABLE, answer.path("error").path("code").asInt());
        assertEquals(McpReplies.SHUTTING_DOWN, answer.path("error").path("message").asText());
        assertEquals("5", waited.headers().get("Retry-After"));
        assertEquals("server-discover-probe-1", fresh.path("id").asText());
        assertEquals(McpReplies.SHUTTING_DOWN, fresh.path("error").path("message").asText());
    }

    @Test
    void shuttingDownAnswersACallInFlightBeforeItsServerIsKilled() throws Exception {
        state(DesiredState.RUNNING, DeploymentStatus.RUNNING, null);
        register();
        String session = send(null, INITIALIZE, TOKEN).headers().get("Mcp-Session-Id");
        CompletableFuture<McpHttpResponse> slow = CompletableFuture.supplyAsync(() -> send(session, call(7, "slow", ""), TOKEN));
        servers.last().nextReceived("tools/call");

        endpoints.shutDown();
        servers.last().crash(false); // the supervisor then kills every server: exit code 137 here, 143 for real
        endpoints.close();

        McpHttpResponse answered = slow.get(5, TimeUnit.SECONDS);
        JsonNode answer = answered instanceof McpHttpResponse.Stream s ? JsonRpc.parse(nextMessage(s.source()).data())
                : json(answered);
        assertEquals(7, answer.path("id").asInt());
        assertEquals(JsonRpc.SERVER_UNAVAILABLE, answer.path("error").path("code").asInt());
        assertEquals(McpReplies.SHUTTING_DOWN, answer.path("error").path("message").asText());
    }

    /** Waits until the supervisor gave up (its exit, which comes first, fails the server for a moment already). */
    private void awaitFailed() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(endpoints.state(DEPLOYMENT) instanceof live.catwalk.core.deployment.domain.RuntimeState.Failed f
                && f.reason().contains("kept crashing"))) {
            assertTrue(System.nanoTime() < deadline, "the server did not fail");
            Thread.sleep(10);
        }
    }
}
