package live.catwalk.core.mcp.usecase;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.HttpRules;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage.Request;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage;
import live.catwalk.core.mcp.domain.protocol.EraOfRequest;
import live.catwalk.core.mcp.domain.session.McpStream;
import live.catwalk.core.mcp.domain.session.Session;
import live.catwalk.core.mcp.port.in.HandleMcpPost;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.port.out.McpAccess;

/** Client → server messages: validation in the order of the transport rules, then the bridge. */
public final class HandleMcpPostService implements HandleMcpPost {

    private static final Map<String, String> RETRY_SOON = Map.of("Retry-After", "1");
    private static final String DISCOVER = "server/discover";

    private final McpEndpoints endpoints;
    private final Admission admission;

    /** For endpoints registered directly: a deployment without an endpoint answers as an unknown one. */
    public HandleMcpPostService(McpEndpoints endpoints, McpAccess access) {
        this(endpoints, access, DeploymentStates.NONE);
    }

    /** A deployment without an endpoint here answers by its stored state (stopped, failed, starting). */
    public HandleMcpPostService(McpEndpoints endpoints, McpAccess access, DeploymentStates states) {
        this.endpoints = endpoints;
        this.admission = new Admission(endpoints, access, states);
    }

    @Override
    public McpHttpResponse handle(McpHttpRequest request) {
        try {
            return handleAdmitted(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return McpReplies.shuttingDown(null);
        }
    }

    /** {@inheritDoc} A caller with a valid token is let through, so that a state error can answer its id. */
    @Override
    public Optional<McpHttpResponse> refuseBeforeBody(McpHttpRequest request) {
        return admission.screen(request);
    }

    private McpHttpResponse handleAdmitted(McpHttpRequest request) throws InterruptedException {
        Admission.Outcome admitted = admission.admit(request, () -> requestId(request.body()));
        if (admitted.refused()) {
            return admitted.refusal();
        }
        Headers headers = request.headers();
        GatewaySettings settings = endpoints.settings();
        String accept = headers.joined("Accept").orElse(null);
        if (!HttpRules.accepts(accept, "application", "json") || !HttpRules.accepts(accept, "text", "event-stream")) {
            return McpReplies.error(406, JsonRpc.TRANSPORT_ERROR,
                    "Not Acceptable: the client must accept both application/json and text/event-stream.");
        }
        if (!HttpRules.isJson(headers.first("Content-Type").orElse(null))) {
            return McpReplies.error(415, JsonRpc.TRANSPORT_ERROR,
                    "Unsupported Media Type: send the JSON-RPC message as Content-Type: application/json.");
        }
        if (request.body().length > settings.maxBodyBytes()) {
            return McpReplies.error(413, JsonRpc.TRANSPORT_ERROR,
                    "Payload Too Large: messages are limited to " + settings.maxBodyBytes() + " bytes.");
        }
        JsonNode json;
        List<JsonRpcMessage> messages;
        try {
            json = JsonRpc.parse(request.body());
            if (json.isArray() && json.size() > endpoints.limits().maxBatch()) {
                return McpReplies.error(400, JsonRpc.INVALID_REQUEST, "Invalid Request: a batch may hold at most "
                        + endpoints.limits().maxBatch() + " messages (CATWALK_MAX_BATCH).");
            }
            messages = classify(json);
        } catch (JsonRpc.MalformedJson e) {
            return McpReplies.error(400, JsonRpc.PARSE_ERROR, "Parse error: " + e.getMessage());
        } catch (JsonRpcMessage.InvalidMessage e) {
            return McpReplies.error(400, JsonRpc.INVALID_REQUEST, "Invalid Request: " + e.getMessage());
        }
        JsonNode replyId = json.isArray() ? null : requestId(messages);
        if (admitted.starting()) {
            if (headers.first("Mcp-Session-Id").isPresent()) { // not started here yet: no session of it is alive
                return McpReplies.sessionNotFound();
            }
            admitted = admission.awaitStart(request, admitted, () -> replyId);
            if (admitted.refused()) {
                return admitted.refusal();
            }
        }
        Optional<McpHttpResponse> failed = admission.failed(request, admitted, () -> replyId);
        if (failed.isPresent()) {
            return failed.get();
        }
        Optional<Request> initialize = messages.stream().filter(m -> m instanceof Request r
                && r.method().equals("initialize")).map(Request.class::cast).findFirst();
        if (initialize.isPresent()) {
            return initialize(request, admitted, json.isArray(), initialize.get());
        }
        if (headers.first("Mcp-Session-Id").isEmpty()) {
            return withoutSession(json.isArray() ? List.of() : messages, EraOfRequest.of(request.method(), json,
                    headers.first("MCP-Protocol-Version"), headers.first("Mcp-Method")));
        }
        Admission.SessionOutcome addressed = admission.session(request, admitted);
        if (addressed.refused()) {
            return addressed.refusal();
        }
        Session session = addressed.attached().session();
        if (json.isArray() && !session.version().allowsBatches()) {
            return McpReplies.error(400, JsonRpc.INVALID_REQUEST, "Invalid Request: batches are allowed only in "
                    + "protocol 2025-03-26; this session speaks " + session.version() + ".");
        }
        return dispatch(addressed.attached(), messages, settings);
    }

    private McpHttpResponse initialize(McpHttpRequest request, Admission.Outcome admitted, boolean batch,
                                       Request initialize) throws InterruptedException {
        if (batch) {
            return McpReplies.error(400, JsonRpc.INVALID_REQUEST, "Invalid Request: initialize must be sent alone.");
        }
        if (request.headers().first("Mcp-Session-Id").isPresent()) {
            return McpReplies.error(400, JsonRpc.INVALID_REQUEST, "Invalid Request: this session is already "
                    + "initialized; send initialize without Mcp-Session-Id to start a new session.");
        }
        if (endpoints.retained().exhausted()) {
            return memoryFull(initialize);
        }
        return admitted.endpoint().initialize(admitted.principal(), initialize);
    }

    private McpHttpResponse dispatch(Endpoint.Attached attached, List<JsonRpcMessage> messages,
                                     GatewaySettings settings) throws InterruptedException {
        Session session = attached.session();
        List<Request> requests = new ArrayList<>();
        for (JsonRpcMessage message : messages) {
            if (message instanceof Request r) {
                requests.add(r);
            } else {
                attached.client().other(session, message);
            }
        }
        if (requests.isEmpty()) {
            return McpReplies.accepted();
        }
        if (endpoints.retained().exhausted()) {
            return memoryFull(requests.getFirst());
        }
        if (messages.size() == 1) {
            String full = attached.bridge().inFlight.refusal(session);
            if (full != null) {
                return McpReplies.error(429, JsonRpc.TRANSPORT_ERROR, full, requests.getFirst().id(), RETRY_SOON);
            }
        }
        Optional<String> notReady = attached.bridge().awaitReady(settings.startTimeout())
                .map(why -> endpoints.shuttingDown() ? McpReplies.SHUTTING_DOWN : why);
        McpStream stream = session.openPostStream(requests.size());
        Instant deadline = endpoints.clock().instant().plus(settings.requestTimeout());
        for (Request r : requests) {
            if (notReady.isPresent()) {
                session.deliver(stream, JsonRpc.line(JsonRpc.error(r.id(), JsonRpc.SERVER_UNAVAILABLE, notReady.get())), true);
            } else {
                attached.client().request(session, stream, r, deadline);
            }
        }
        return session.awaitAnswer(stream, settings.jsonWindow(), McpReplies.NO_HEADERS);
    }

    /**
     * Anything but {@code initialize} without {@code Mcp-Session-Id}, e.g. the {@code server/discover} probe
     * of MCP 2026-07-28 clients (who fall back to {@code initialize} on an error): what to send instead,
     * answering the message's own id.
     */
    private static McpHttpResponse withoutSession(List<JsonRpcMessage> messages, EraOfRequest era) {
        JsonNode id = requestId(messages);
        if (messages.size() == 1 && messages.getFirst() instanceof Request r && r.method().equals(DISCOVER)) {
            return McpReplies.discoverUnsupported(id);
        }
        return era instanceof EraOfRequest.Stateless stateless
                ? McpReplies.statelessUnsupported(stateless.version(), id)
                : McpReplies.sessionRequired(id);
    }

    /** The id of a lone request, or null (a batch, a notification, an answer). */
    private static JsonNode requestId(List<JsonRpcMessage> messages) {
        return messages.size() == 1 && messages.getFirst() instanceof Request r ? r.id() : null;
    }

    /** The id of the lone request in an unparsed body, best effort: null if there is none. */
    private static JsonNode requestId(byte[] body) {
        try {
            return requestId(classify(JsonRpc.parse(body)));
        } catch (RuntimeException malformed) {
            return null;
        }
    }

    private McpHttpResponse memoryFull(Request first) {
        return McpReplies.error(503, JsonRpc.SERVER_UNAVAILABLE, "The gateway holds as many unread answers as "
                + "CATWALK_RETAINED_BYTES allows (" + endpoints.retained().budget() + " bytes); retry later.",
                first.id(), RETRY_SOON);
    }

    private static List<JsonRpcMessage> classify(JsonNode json) {
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
