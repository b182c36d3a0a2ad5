package live.catwalk.core.mcp.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage.Request;
import live.catwalk.core.mcp.domain.protocol.EraOfRequest;
import live.catwalk.core.mcp.domain.protocol.ProtocolVersion;
import live.catwalk.core.mcp.engine.session.McpStream;
import live.catwalk.core.mcp.engine.session.Session;
import live.catwalk.core.mcp.port.out.McpUpstream;

/**
 * The sessionful (2025) rules of one deployment's endpoint, for exchanges the edge admitted: {@code initialize}
 * makes a session; every other message names one in {@code Mcp-Session-Id}, owned by the same principal, with a
 * served {@code MCP-Protocol-Version}; POST goes through the bridge, GET opens or resumes the session's stream,
 * DELETE ends it.
 */
final class SessionExchanges {

    private static final Map<String, String> RETRY_SOON = Map.of("Retry-After", "1");
    private static final String DISCOVER = "server/discover";

    private final McpEndpoints context;
    private final Endpoint endpoint;
    private final StatelessExchanges stateless;

    SessionExchanges(McpEndpoints context, Endpoint endpoint) {
        this.context = context;
        this.endpoint = endpoint;
        this.stateless = new StatelessExchanges(context, endpoint);
    }

    /**
     * Answers {@code exchange} to {@code answered}, exactly once: at once, or (a 2025 POST waiting for its server's
     * answers) later on the thread that decides the answer, holding no thread meanwhile.
     */
    void serve(McpUpstream.Exchange exchange, Consumer<McpHttpResponse> answered) throws InterruptedException {
        McpHttpResponse now = switch (exchange.method()) {
            case "POST" -> post(exchange, exchange.posted().orElseThrow(), answered);
            case "GET" -> open(exchange);
            case "DELETE" -> end(exchange);
            default -> McpReplies.methodNotAllowed(exchange.method());
        };
        if (now != null) {
            answered.accept(now);
        }
    }

    /** The answer now, or null when it goes to {@code answered} once the server's answers are in. */
    private McpHttpResponse post(McpUpstream.Exchange exchange, McpUpstream.Posted posted,
                                 Consumer<McpHttpResponse> answered) throws InterruptedException {
        Headers headers = exchange.headers();
        // The era is the body's (a 2026-07-28 _meta claim or not), whatever Mcp-Session-Id says.
        EraOfRequest era = EraOfRequest.of(exchange.method(), posted.json(), headers.first("MCP-Protocol-Version"),
                headers.first("Mcp-Method"));
        if (era instanceof EraOfRequest.Contradictory c) {
            return McpReplies.error(c.status(), c.code(), c.message(), posted.replyId(), McpReplies.NO_HEADERS);
        }
        if (era instanceof EraOfRequest.Stateless s) {
            return stateless.serve(exchange, posted, s);
        }
        Optional<String> failure = endpoint.failure();
        if (failure.isPresent()) {
            return McpReplies.failed(exchange.deploymentId(), failure.get(), posted.replyId());
        }
        List<JsonRpcMessage> messages = posted.messages();
        Optional<Request> initialize = messages.stream().filter(m -> m instanceof Request r
                && r.method().equals("initialize")).map(Request.class::cast).findFirst();
        if (initialize.isPresent()) {
            return initialize(exchange, posted.batch(), initialize.get());
        }
        if (headers.first("Mcp-Session-Id").isEmpty()) {
            return withoutSession(posted);
        }
        Addressed addressed = address(exchange);
        if (addressed.refusal() != null) {
            return addressed.refusal();
        }
        Session session = addressed.attached().session();
        if (posted.batch() && !session.version().allowsBatches()) {
            return McpReplies.error(400, JsonRpc.INVALID_REQUEST, "Invalid Request: batches are allowed only in "
                    + "protocol 2025-03-26; this session speaks " + session.version() + ".");
        }
        return dispatch(addressed.attached(), messages, context.settings(), answered);
    }

    /** The session's standalone stream (one reader at a time), or a stream resumed after Last-Event-ID. */
    private McpHttpResponse open(McpUpstream.Exchange exchange) {
        Addressed addressed = address(exchange);
        if (addressed.refusal() != null) {
            return addressed.refusal();
        }
        Session session = addressed.attached().session();
        Optional<String> lastEventId = exchange.headers().first("Last-Event-ID");
        if (lastEventId.isPresent()) {
            Optional<SseSource> resumed = session.resume(lastEventId.get().strip());
            return resumed.<McpHttpResponse>map(source -> new McpHttpResponse.Stream(McpReplies.NO_HEADERS, source))
                    .orElseGet(() -> McpReplies.error(400, JsonRpc.TRANSPORT_ERROR, "Bad Request: Last-Event-ID does "
                            + "not name an event of this session that can still be resumed."));
        }
        return session.readStandalone()
                .<McpHttpResponse>map(source -> new McpHttpResponse.Stream(McpReplies.NO_HEADERS, source))
                .orElseGet(() -> McpReplies.error(409, JsonRpc.TRANSPORT_ERROR,
                        "Conflict: this session already has its GET stream open; only one is allowed."));
    }

    /** DELETE: ends the session, its streams and requests (and its process in isolated mode); 204. */
    private McpHttpResponse end(McpUpstream.Exchange exchange) {
        Addressed addressed = address(exchange);
        if (addressed.refusal() != null) {
            return addressed.refusal();
        }
        endpoint.end(addressed.attached());
        return new McpHttpResponse.Empty(204, McpReplies.NO_HEADERS);
    }

    /** Either a refusal, or the live session addressed. */
    private record Addressed(McpHttpResponse refusal, Endpoint.Attached attached) {
    }

    /** The session named by {@code Mcp-Session-Id}, checked against the caller and the version header. */
    private Addressed address(McpUpstream.Exchange exchange) {
        Optional<String> id = exchange.headers().first("Mcp-Session-Id");
        if (id.isEmpty()) {
            return new Addressed(McpReplies.sessionRequired(), null);
        }
        Optional<Endpoint.Attached> attached = endpoint.find(id.get(), exchange.principal());
        if (attached.isEmpty()) {
            return new Addressed(McpReplies.sessionNotFound(), null);
        }
        Optional<String> version = exchange.headers().first("MCP-Protocol-Version");
        if (version.isPresent() && ProtocolVersion.offered(version.get().strip()).isEmpty()) {
            return new Addressed(McpReplies.error(400, JsonRpc.TRANSPORT_ERROR, "Bad Request: unsupported "
                    + "MCP-Protocol-Version; this server speaks " + ProtocolVersion.offeredList() + "."), null);
        }
        attached.get().session().touch(context.clock().instant());
        return new Addressed(null, attached.get());
    }

    private McpHttpResponse initialize(McpUpstream.Exchange exchange, boolean batch, Request initialize)
            throws InterruptedException {
        if (batch) {
            return McpReplies.error(400, JsonRpc.INVALID_REQUEST, "Invalid Request: initialize must be sent alone.");
        }
        if (exchange.headers().first("Mcp-Session-Id").isPresent()) {
            return McpReplies.error(400, JsonRpc.INVALID_REQUEST, "Invalid Request: this session is already "
                    + "initialized; send initialize without Mcp-Session-Id to start a new session.");
        }
        if (context.retained().exhausted()) {
            return memoryFull(initialize);
        }
        return endpoint.initialize(exchange.principal(), initialize);
    }

    /** As {@link #post}: null when the answer goes to {@code answered} later. */
    private McpHttpResponse dispatch(Endpoint.Attached attached, List<JsonRpcMessage> messages,
                                     GatewaySettings settings, Consumer<McpHttpResponse> answered)
            throws InterruptedException {
        Session session = attached.session();
        List<Request> requests = new ArrayList<>();
        for (JsonRpcMessage message : messages) {
            if (message instanceof Request r) {
                requests.add(r);
            } else {
                attached.bridge().relay(session, message);
            }
        }
        if (requests.isEmpty()) {
            return McpReplies.accepted();
        }
        if (context.retained().exhausted()) {
            return memoryFull(requests.getFirst());
        }
        if (messages.size() == 1) {
            Optional<String> full = attached.bridge().refusal(session);
            if (full.isPresent()) {
                return McpReplies.error(429, JsonRpc.TRANSPORT_ERROR, full.get(), requests.getFirst().id(), RETRY_SOON);
            }
        }
        McpStream stream;
        session.arriving(); // at the cap, a session whose requests wait for its (re)starting server is not idle
        try {
            Optional<String> notReady = attached.bridge().awaitReady(settings.startTimeout())
                    .map(why -> context.shuttingDown() ? McpReplies.SHUTTING_DOWN : why);
            stream = session.openPostStream(requests.size());
            context.windows().open(session, stream);
            Instant deadline = context.clock().instant().plus(settings.requestTimeout());
            for (Request r : requests) {
                if (notReady.isPresent()) {
                    session.deliver(stream, JsonRpc.line(JsonRpc.error(r.id(), JsonRpc.SERVER_UNAVAILABLE,
                            notReady.get())), true);
                } else {
                    attached.bridge().request(session, stream, r, deadline);
                }
            }
        } finally {
            session.arrived();
        }
        session.answerWhenReady(stream, McpReplies.NO_HEADERS, answered);
        return null;
    }

    /**
     * Anything but {@code initialize} without {@code Mcp-Session-Id} and without a 2026-07-28 claim, e.g. a
     * {@code server/discover} probe that forgot its {@code _meta}: what to send instead, answering the message's id.
     */
    private static McpHttpResponse withoutSession(McpUpstream.Posted posted) {
        JsonNode id = posted.replyId();
        List<JsonRpcMessage> messages = posted.messages();
        if (!posted.batch() && messages.size() == 1 && messages.getFirst() instanceof Request r
                && r.method().equals(DISCOVER)) {
            return McpReplies.discoverUnsupported(id);
        }
        return McpReplies.sessionRequired(id);
    }

    private McpHttpResponse memoryFull(Request first) {
        return McpReplies.error(503, JsonRpc.SERVER_UNAVAILABLE, "The gateway holds as many unread answers as "
                + "CATWALK_RETAINED_BYTES allows (" + context.retained().budget() + " bytes); retry later.",
                first.id(), RETRY_SOON);
    }
}
