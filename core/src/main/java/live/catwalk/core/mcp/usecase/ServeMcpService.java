package live.catwalk.core.mcp.usecase;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.mcp.domain.GatewayLimits;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.HttpRules;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.domain.protocol.EraOfRequest;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage;
import live.catwalk.core.mcp.port.in.ServeMcp;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.mcp.port.out.McpUpstream;
import live.catwalk.core.mcp.port.out.McpUpstreams;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.port.out.Telemetry;

/**
 * The edge of {@code /mcp/{deployment}}, once per request and in this order: the method; Host and Origin
 * (DNS rebinding); access (an unknown deployment and a wrong token answer alike: 401; a valid token short of
 * the scope: 403); the request's own rules (Accept, Content-Type, the body's size and JSON-RPC shape); Catwalk's
 * shutdown; then the deployment's upstream or, without one, its stored state (stopped, failed: 503; about to
 * start: a POST waits for it). Only then does the upstream see the exchange, without the caller's credential.
 * Each request, once answered, is reported to {@link Telemetry} with its method, era, outcome and duration.
 */
public final class ServeMcpService implements ServeMcp {

    /** How often a request waiting for a deployment to start looks at its stored state again. */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final GatewaySettings settings;
    private final GatewayLimits limits;
    private final McpAccess access;
    private final DeploymentStates states;
    private final McpUpstreams upstreams;
    private final Telemetry telemetry;

    /** A deployment without an upstream answers by its stored state (stopped, failed, starting). */
    public ServeMcpService(GatewaySettings settings, GatewayLimits limits, McpAccess access, DeploymentStates states,
                           McpUpstreams upstreams) {
        this(settings, limits, access, states, upstreams, Telemetry.NONE);
    }

    /** As above, each answered request reported to {@code telemetry}. */
    public ServeMcpService(GatewaySettings settings, GatewayLimits limits, McpAccess access, DeploymentStates states,
                           McpUpstreams upstreams, Telemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.access = Objects.requireNonNull(access, "access");
        this.states = Objects.requireNonNull(states, "states");
        this.upstreams = Objects.requireNonNull(upstreams, "upstreams");
    }

    @Override
    public McpHttpResponse serve(McpHttpRequest request) {
        CompletableFuture<McpHttpResponse> answer = new CompletableFuture<>();
        serve(request, answer::complete);
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return McpReplies.shuttingDown(null);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** {@inheritDoc} Each answer is reported to {@link Telemetry} before it is handed on. */
    @Override
    public void serve(McpHttpRequest request, Consumer<McpHttpResponse> answered) {
        long began = telemetry.monotonicNanos();
        McpUpstream.Posted[] read = {null};
        AtomicBoolean handed = new AtomicBoolean();
        Consumer<McpHttpResponse> recorded = answer -> {
            if (handed.compareAndSet(false, true)) {
                telemetry.record(McpRequestLabels.of(request.method(), request.headers(), read[0], answer.status(),
                        telemetry.monotonicNanos() - began));
                answered.accept(answer);
            }
        };
        try {
            answer(request, read, recorded);
        } catch (RuntimeException | Error e) { // one before the answer was handed on is the handler's 500
            if (!handed.get()) {
                telemetry.record(McpRequestLabels.of(request.method(), request.headers(), read[0], 500,
                        telemetry.monotonicNanos() - began));
            }
            throw e;
        }
    }

    /** Hands the answer to {@code answered}; {@code read[0]} is the parsed body once it was read. */
    private void answer(McpHttpRequest request, McpUpstream.Posted[] read, Consumer<McpHttpResponse> answered) {
        String method = request.method();
        if (!method.equals("POST") && !method.equals("GET") && !method.equals("DELETE")) {
            answered.accept(McpReplies.methodNotAllowed(method));
            return;
        }
        try {
            McpHttpResponse now = admitted(request, read, answered);
            if (now != null) {
                answered.accept(now);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answered.accept(McpReplies.shuttingDown(null)); // ignored if the upstream answered already
        }
    }

    /** The answer now, or null when the deployment's upstream hands it to {@code answered}. */
    private McpHttpResponse admitted(McpHttpRequest request, McpUpstream.Posted[] read,
                                     Consumer<McpHttpResponse> answered) throws InterruptedException {
        Headers headers = request.headers();
        if (!HttpRules.hostAllowed(headers.first("Host").orElse(null), settings.allowedHosts())) {
            return McpReplies.error(421, JsonRpc.TRANSPORT_ERROR, "Misdirected Request: this server does not "
                    + "answer to that Host name (DNS rebinding protection); add it to the allowed hosts.");
        }
        if (!HttpRules.originAllowed(headers.first("Origin").orElse(null), settings.allowedOrigins())) {
            return McpReplies.error(403, JsonRpc.TRANSPORT_ERROR,
                    "Forbidden: requests from this Origin are not allowed; add it to the allowed origins.");
        }
        String principal;
        McpAccess.Decision decision;
        try {
            decision = access.decide(request.deploymentId(), headers, request.bearerToken());
        } catch (CatwalkException e) {
            if (e.kind() != CatwalkException.Kind.UPSTREAM_UNAVAILABLE) {
                throw e;
            }
            return McpReplies.accessUnavailable(e.getMessage());
        }
        switch (decision) {
            case McpAccess.Decision.Granted granted -> principal = granted.principal();
            case McpAccess.Decision.Refused refused -> {
                return McpReplies.unauthorized(refused.challenge());
            }
            case McpAccess.Decision.Forbidden forbidden -> {
                return McpReplies.forbidden(forbidden.challenge());
            }
        }
        Optional<McpUpstream.Posted> posted = Optional.empty();
        if (request.method().equals("POST")) {
            Parsed parsed = parse(request);
            if (parsed.refusal() != null) {
                return parsed.refusal();
            }
            posted = Optional.of(parsed.posted());
            read[0] = parsed.posted();
        } else if (request.method().equals("GET")
                && !HttpRules.accepts(headers.joined("Accept").orElse(null), "text", "event-stream")) {
            return McpReplies.error(406, JsonRpc.TRANSPORT_ERROR,
                    "Not Acceptable: a GET stream needs 'Accept: text/event-stream'.");
        }
        JsonNode replyId = posted.map(McpUpstream.Posted::replyId).orElse(null);
        McpUpstream.Exchange exchange = new McpUpstream.Exchange(request.deploymentId(), request.method(), principal,
                headers.without("Authorization"), posted);
        Optional<McpUpstream> upstream = upstreams.shuttingDown() ? Optional.empty()
                : upstreams.find(request.deploymentId());
        if (upstream.isPresent()) {
            upstream.get().exchange(exchange, answered); // the upstream tells the era itself: not done twice here
            return null;
        }
        // A 2026-07-28 request (by its body's claim) has no session, and that revision retired -32002.
        boolean stateless = posted.isPresent() && EraOfRequest.of(request.method(), posted.get().json(),
                headers.first("MCP-Protocol-Version"), headers.first("Mcp-Method")) instanceof EraOfRequest.Stateless;
        if (upstreams.shuttingDown()) {
            return McpReplies.inEra(stateless, McpReplies.shuttingDown(replyId));
        }
        Optional<McpHttpResponse> refusal = byState(request.deploymentId(), replyId);
        if (refusal.isPresent()) {
            return McpReplies.inEra(stateless, refusal.get());
        }
        if (headers.first("Mcp-Session-Id").isPresent() && !stateless) { // not started here yet: no session is alive
            return McpReplies.sessionNotFound();
        }
        if (posted.isEmpty()) {
            return McpReplies.sessionRequired();
        }
        return McpReplies.inEra(stateless, awaitStart(exchange, replyId));
    }

    /** A POST's own rules: Accept, Content-Type, then the body (read only now), its size, JSON and batch. */
    private Parsed parse(McpHttpRequest request) {
        Headers headers = request.headers();
        String accept = headers.joined("Accept").orElse(null);
        if (!HttpRules.accepts(accept, "application", "json") || !HttpRules.accepts(accept, "text", "event-stream")) {
            return Parsed.refused(McpReplies.error(406, JsonRpc.TRANSPORT_ERROR,
                    "Not Acceptable: the client must accept both application/json and text/event-stream."));
        }
        if (!HttpRules.isJson(headers.first("Content-Type").orElse(null))) {
            return Parsed.refused(McpReplies.error(415, JsonRpc.TRANSPORT_ERROR,
                    "Unsupported Media Type: send the JSON-RPC message as Content-Type: application/json."));
        }
        Optional<byte[]> body;
        try {
            body = request.body().read(settings.maxBodyBytes());
        } catch (IOException e) {
            return Parsed.refused(McpReplies.error(400, JsonRpc.TRANSPORT_ERROR,
                    "Bad Request: the body could not be read to its end."));
        }
        if (body.isEmpty()) {
            return Parsed.refused(McpReplies.error(413, JsonRpc.TRANSPORT_ERROR,
                    "Payload Too Large: messages are limited to " + settings.maxBodyBytes() + " bytes."));
        }
        try {
            JsonNode json = JsonRpc.parse(body.get());
            if (json.isArray() && json.size() > limits.maxBatch()) {
                return Parsed.refused(McpReplies.error(400, JsonRpc.INVALID_REQUEST, "Invalid Request: a batch may "
                        + "hold at most " + limits.maxBatch() + " messages (CATWALK_MAX_BATCH)."));
            }
            return new Parsed(null, new McpUpstream.Posted(body.get(), json, messages(json)));
        } catch (JsonRpc.MalformedJson e) {
            return Parsed.refused(McpReplies.error(400, JsonRpc.PARSE_ERROR, "Parse error: " + e.getMessage()));
        } catch (JsonRpcMessage.InvalidMessage e) {
            return Parsed.refused(McpReplies.error(400, JsonRpc.INVALID_REQUEST, "Invalid Request: " + e.getMessage()));
        }
    }

    /** Either a refusal or the parsed body. */
    private record Parsed(McpHttpResponse refusal, McpUpstream.Posted posted) {
        static Parsed refused(McpHttpResponse refusal) {
            return new Parsed(refusal, null);
        }
    }

    /**
     * A deployment with no upstream here, by its stored state: unknown or deleted answers as a wrong token
     * does; stopped and failed are refused with how to start it; empty when it is wanted running (starting).
     */
    private Optional<McpHttpResponse> byState(String deploymentId, JsonNode replyId) {
        Optional<DeploymentStates.Stored> stored = states.find(deploymentId);
        if (stored.isEmpty() || stored.get().status() == DeploymentStatus.DELETED) {
            return Optional.of(McpReplies.unauthorized());
        }
        if (stored.get().desired() == DesiredState.STOPPED) {
            return Optional.of(McpReplies.stopped(deploymentId, replyId));
        }
        if (stored.get().status() == DeploymentStatus.FAILED) {
            return Optional.of(McpReplies.failed(deploymentId, stored.get().reason().orElse(""), replyId));
        }
        return Optional.empty();
    }

    /**
     * Waits, up to the start timeout, for the deployment's upstream, looking at its stored state every second
     * (stopped or failed meanwhile: refused so); then hands it the exchange.
     */
    private McpHttpResponse awaitStart(McpUpstream.Exchange exchange, JsonNode replyId) throws InterruptedException {
        String id = exchange.deploymentId();
        McpHttpResponse[] changed = {null};
        Duration timeout = settings.startTimeout();
        Optional<McpUpstream> upstream = upstreams.await(id, timeout, RECHECK, () -> {
            changed[0] = byState(id, replyId).orElse(null);
            return changed[0] == null;
        });
        if (upstream.isPresent()) {
            return upstream.get().exchange(exchange);
        }
        if (upstreams.shuttingDown()) {
            return McpReplies.shuttingDown(replyId);
        }
        return changed[0] != null ? changed[0]
                : McpReplies.notStarted(id, Math.max(1, timeout.toSeconds()), replyId);
    }

    private static List<JsonRpcMessage> messages(JsonNode json) {
        if (!json.isArray()) {
            return List.of(JsonRpcMessage.of(json));
        }
        if (json.isEmpty()) {
            throw new JsonRpcMessage.InvalidMessage("A batch must not be empty.");
        }
        List<JsonRpcMessage> messages = new ArrayList<>(json.size());
        json.forEach(element -> messages.add(JsonRpcMessage.of(element)));
        return messages;
    }
}
