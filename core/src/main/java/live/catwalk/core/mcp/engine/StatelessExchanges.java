package live.catwalk.core.mcp.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Consumer;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage.Request;
import live.catwalk.core.mcp.domain.protocol.EraOfRequest;
import live.catwalk.core.mcp.domain.protocol.ProtocolVersion;
import live.catwalk.core.mcp.domain.protocol.StatelessRequests;
import live.catwalk.core.mcp.domain.protocol.StatelessResults;
import live.catwalk.core.mcp.engine.bridge.Bridge;
import live.catwalk.core.mcp.engine.session.McpStream;
import live.catwalk.core.mcp.engine.session.Session;
import live.catwalk.core.mcp.port.out.McpUpstream;

/**
 * The stateless (2026-07-28) requests of one deployment's endpoint, served by its 2025 server: checked
 * ({@link StatelessRequests}), {@code server/discover} answered from the server's {@code initialize} result, any
 * other request carried to the server on a session of its own that lives as long as the request (its
 * {@code io.modelcontextprotocol/*} {@code _meta} keys removed), and the answer completed for the revision
 * ({@link StatelessResults}) whether it comes as JSON or at the end of an event stream. Closing the stream cancels
 * the request at the server. The server's own requests are refused on such a session (no client could answer them).
 */
final class StatelessExchanges {

    /** A carrier session speaks a revision whose streams need no priming event: the stateless ones have none. */
    private static final ProtocolVersion CARRIER = ProtocolVersion.V2025_06_18;

    /** The most resource URIs one listen subscribes to. */
    private static final int MAX_LISTENED_URIS = 100;

    private final McpEndpoints context;
    private final Endpoint endpoint;

    StatelessExchanges(McpEndpoints context, Endpoint endpoint) {
        this.context = context;
        this.endpoint = endpoint;
    }

    McpHttpResponse serve(McpUpstream.Exchange exchange, McpUpstream.Posted posted, EraOfRequest.Stateless era)
            throws InterruptedException {
        if (!(posted.messages().getFirst() instanceof Request request)) {
            return McpReplies.accepted(); // a notification: the revision defines none over HTTP, nothing to carry
        }
        JsonNode id = request.id();
        Optional<StatelessRequests.Refusal> refusal = StatelessRequests.check(exchange.headers(), request.method(),
                request.params(), era.version());
        if (refusal.isPresent()) {
            StatelessRequests.Refusal r = refusal.get();
            ObjectNode error = JsonRpc.object().put("code", r.code()).put("message", r.message());
            if (r.data() != null) {
                error.set("data", r.data());
            }
            return new McpHttpResponse.Json(r.status(), McpReplies.NO_HEADERS, JsonRpc.bytes(JsonRpc.error(id, error)));
        }
        Optional<String> failure = endpoint.failure();
        if (failure.isPresent()) {
            return McpReplies.inEra(true, McpReplies.failed(exchange.deploymentId(), failure.get(), id));
        }
        if (request.params().has("requestState")) {
            return resumed(exchange, request);
        }
        CarrierLease lease = CarrierLease.of(endpoint, context.gatewayInitParams(), exchange.principal());
        if (lease.refusal().isPresent()) {
            return McpReplies.error(503, JsonRpc.INTERNAL_ERROR, lease.refusal().get(), id, McpReplies.NO_HEADERS);
        }
        Bridge bridge = lease.bridge();
        Session session = null;
        boolean handedOver = false;
        try {
            Optional<String> notReady = bridge.awaitReady(context.settings().startTimeout());
            if (notReady.isPresent()) {
                return McpReplies.inEra(true, context.shuttingDown() ? McpReplies.shuttingDown(id)
                        : McpReplies.error(503, JsonRpc.INTERNAL_ERROR, notReady.get(), id, McpReplies.NO_HEADERS));
            }
            ObjectNode init = bridge.initResult().orElseGet(JsonRpc::object);
            boolean passThrough = bridge.modernOnly(); // the server speaks the revision itself
            if (request.method().equals("server/discover") && !passThrough) {
                return new McpHttpResponse.Json(200, McpReplies.NO_HEADERS,
                        JsonRpc.bytes(JsonRpc.result(id, StatelessResults.discover(init))));
            }
            Session carrier = carrier(exchange.principal(), request);
            session = carrier;
            if (request.method().equals("subscriptions/listen")) {
                McpHttpResponse listening = listen(lease, carrier, request, init);
                handedOver = listening instanceof McpHttpResponse.Stream;
                return listening;
            }
            InputRounds.Asker asker = new InputRounds.Asker(exchange.principal(), exchange.deploymentId(),
                    request.method(), request.params());
            McpStream stream = carrier.openPostStream(1);
            context.windows().open(carrier, stream);
            if (passThrough) {
                ChildRounds rounds = new ChildRounds(asker, lease, carrier, context.continuations());
                rounds.waitOn(stream);
                bridge.request(carrier, stream, new Request(id, request.node().deepCopy()), deadline());
                handedOver = true; // from here on the rounds release the carrier
                return answered(carrier, () -> rounds.finished(stream), rounds::onResult, true, request, stream,
                        init);
            }
            InputRounds rounds = new InputRounds(asker, lease, carrier, context.continuations(), context.clock());
            carrier.asking(rounds);
            rounds.waitOn(stream, id);
            bridge.request(carrier, stream, new Request(id, forwarded(request)), deadline());
            handedOver = true; // from here on the rounds release the carrier
            return answered(carrier, () -> rounds.finished(stream), result -> { }, false, request, stream, init);
        } finally {
            if (!handedOver) {
                lease.release(session);
            }
        }
    }

    /**
     * A retry carrying the {@code requestState} of an {@code input_required} result: the request waiting for this
     * input resumes with the client's {@code inputResponses}; a state not issued here, altered, issued to someone else,
     * for another request, expired or used already is refused with {@code -32602} (in-band, as a handler's error).
     */
    private McpHttpResponse resumed(McpUpstream.Exchange exchange, Request request) throws InterruptedException {
        JsonNode id = request.id();
        JsonNode state = request.params().get("requestState");
        Continuations.Taken taken = state.isTextual() ? context.continuations().take(state.asText(),
                exchange.principal(), exchange.deploymentId(), request.method(), request.params())
                : new Continuations.Taken(Continuations.Outcome.TAMPERED, null);
        String why = switch (taken.outcome()) {
            case RESUMED -> null;
            case TAMPERED -> "The requestState was not issued by this gateway, or was altered.";
            case FOREIGN -> "The requestState was issued to another client or for another deployment.";
            case OTHER_REQUEST -> "The requestState belongs to another request: retry with the same method and params.";
            case EXPIRED -> "The requestState has expired or was used already.";
        };
        if (why != null) {
            return new McpHttpResponse.Json(200, McpReplies.NO_HEADERS, JsonRpc.bytes(JsonRpc.error(id,
                    JsonRpc.INVALID_PARAMS, why + " Call " + request.method() + " again without requestState and "
                            + "inputResponses.")));
        }
        if (taken.parked() instanceof ChildRounds rounds) {
            return resumedAtServer(rounds, request);
        }
        InputRounds rounds = (InputRounds) taken.parked();
        boolean handedOver = false;
        try {
            Session carrier = rounds.carrier();
            McpStream stream = carrier.openPostStream(1);
            context.windows().open(carrier, stream);
            JsonNode token = request.params().path("_meta").path("progressToken");
            rounds.resume(stream, id, token.isMissingNode() ? null : token,
                    request.params().path("inputResponses"), deadline());
            handedOver = true;
            return answered(carrier, () -> rounds.finished(stream), result -> { }, false, request, stream,
                    rounds.lease().bridge().initResult().orElseGet(JsonRpc::object));
        } finally {
            if (!handedOver) {
                rounds.finished(null);
            }
        }
    }

    /** A retry for a server that speaks the revision itself: to the process that asked, with its own state. */
    private McpHttpResponse resumedAtServer(ChildRounds rounds, Request request) throws InterruptedException {
        boolean handedOver = false;
        try {
            Session carrier = rounds.carrier();
            McpStream stream = carrier.openPostStream(1);
            context.windows().open(carrier, stream);
            rounds.waitOn(stream);
            rounds.lease().bridge().request(carrier, stream, new Request(request.id(), rounds.resumed(request)),
                    deadline());
            handedOver = true;
            return answered(carrier, () -> rounds.finished(stream), rounds::onResult, true, request, stream,
                    JsonRpc.object());
        } finally {
            if (!handedOver) {
                rounds.finished(null);
            }
        }
    }

    /**
     * What the server says to the request waiting on {@code carrier}'s {@code stream} (its answer, or a question of
     * the rounds), completed for the revision and shown to {@code onResult}: plain JSON when it comes first and
     * alone, else the stream; {@code finished} runs once the answer is out. A server that speaks the revision itself
     * ({@code passThrough}) has its refusals' statuses as the revision has them.
     */
    private McpHttpResponse answered(Session carrier, Runnable finished, Consumer<ObjectNode> onResult,
                                     boolean passThrough, Request request, McpStream stream, ObjectNode init)
            throws InterruptedException {
        StatelessAnswer answer = new StatelessAnswer(request.method(), request.params(), init.path("serverInfo"),
                finished).showingResults(onResult);
        McpHttpResponse first;
        try {
            first = carrier.awaitAnswer(stream, McpReplies.NO_HEADERS);
        } catch (InterruptedException | RuntimeException e) {
            finished.run();
            throw e;
        }
        if (first instanceof McpHttpResponse.Stream events) {
            return new McpHttpResponse.Stream(events.headers(), answer.reading(events.source()));
        }
        try {
            if (first instanceof McpHttpResponse.Json json) {
                String raw = new String(json.body(), StandardCharsets.UTF_8);
                String body = answer.completed(raw).orElse(raw);
                return new McpHttpResponse.Json(status(answer, passThrough, json.status()), json.headers(),
                        body.getBytes(StandardCharsets.UTF_8));
            }
            return first;
        } finally {
            finished.run();
        }
    }

    /**
     * The HTTP status of a JSON answer: a capability the request did not declare is refused with 400, as the revision
     * has it; from a server that speaks the revision itself, its other header and version refusals too, and an unknown
     * method 404. Any other error stays in-band.
     */
    private static int status(StatelessAnswer answer, boolean passThrough, int status) {
        if (answer.missingCapability()) {
            return 400;
        }
        if (passThrough) {
            int code = answer.errorCode();
            if (code == JsonRpc.METHOD_NOT_FOUND) {
                return 404;
            }
            if (code == -32020 || code == StatelessRequests.UNSUPPORTED_VERSION) {
                return 400;
            }
        }
        return status;
    }

    private Instant deadline() {
        return context.clock().instant().plus(context.settings().requestTimeout());
    }

    /**
     * A {@code subscriptions/listen}: the carrier is attached to what the server sends unasked, subscribed to the
     * listed resources the server lets clients subscribe to, and its unasked stream is the listen's.
     */
    private McpHttpResponse listen(CarrierLease lease, Session carrier, Request request, ObjectNode init)
            throws InterruptedException {
        JsonNode wanted = request.params().path("notifications");
        JsonNode capabilities = init.path("capabilities");
        ObjectNode honoured = JsonRpc.object();
        grant(honoured, wanted, "toolsListChanged", capabilities.path("tools").path("listChanged"));
        grant(honoured, wanted, "promptsListChanged", capabilities.path("prompts").path("listChanged"));
        grant(honoured, wanted, "resourcesListChanged", capabilities.path("resources").path("listChanged"));
        if (capabilities.path("resources").path("subscribe").asBoolean(false)
                && wanted.path("resourceSubscriptions").isArray()) {
            var uris = honoured.putArray("resourceSubscriptions");
            wanted.path("resourceSubscriptions").forEach(uri -> {
                if (uri.isTextual() && uris.size() < MAX_LISTENED_URIS) {
                    uris.add(uri.asText());
                }
            });
        }
        if (!lease.attach(carrier)) {
            return McpReplies.error(503, JsonRpc.INTERNAL_ERROR, "The deployment is stopping.", request.id(),
                    McpReplies.NO_HEADERS);
        }
        Optional<live.catwalk.core.mcp.domain.http.SseSource> unasked = carrier.readStandalone();
        if (unasked.isEmpty()) {
            return McpReplies.error(503, JsonRpc.INTERNAL_ERROR, "The subscription could not be opened.",
                    request.id(), McpReplies.NO_HEADERS);
        }
        Instant deadline = deadline();
        for (JsonNode uri : honoured.path("resourceSubscriptions")) {
            McpStream stream = carrier.openPostStream(1);
            context.windows().open(carrier, stream);
            ObjectNode subscribe = JsonRpc.request(JsonRpc.object().textNode("listen-" + uri.asText().hashCode()),
                    "resources/subscribe", JsonRpc.object().put("uri", uri.asText()));
            lease.bridge().request(carrier, stream, new Request(subscribe.get("id"), subscribe), deadline);
            carrier.awaitAnswer(stream, McpReplies.NO_HEADERS); // the server's answer matters not: updates will tell
        }
        return new McpHttpResponse.Stream(McpReplies.NO_HEADERS, new ListenStream(unasked.get(), request.id(),
                honoured, () -> lease.release(carrier)));
    }

    private static void grant(ObjectNode honoured, JsonNode wanted, String name, JsonNode offered) {
        if (wanted.path(name).asBoolean(false) && offered.asBoolean(false)) {
            honoured.put(name, true);
        }
    }

    /** The request as the server gets it: the revision's {@code _meta} keys and MRTR fields left out. */
    private static ObjectNode forwarded(Request request) {
        ObjectNode node = request.node().deepCopy();
        JsonNode params = node.path("params");
        if (params.isObject()) {
            ObjectNode p = (ObjectNode) params;
            p.remove("inputResponses");
            p.remove("requestState");
            JsonNode meta = p.path("_meta");
            if (meta.isObject()) {
                Iterator<String> keys = meta.fieldNames();
                while (keys.hasNext()) {
                    if (keys.next().startsWith("io.modelcontextprotocol/")) {
                        keys.remove();
                    }
                }
                if (meta.isEmpty()) {
                    p.remove("_meta");
                }
            }
        }
        return node;
    }

    private Session carrier(String principal, Request request) {
        JsonNode meta = request.params().path("_meta");
        Optional<String> level = meta.path(StatelessRequests.LOG_LEVEL).isTextual()
                ? Optional.of(meta.path(StatelessRequests.LOG_LEVEL).asText()) : Optional.empty();
        return new Session(CarrierIds.next(), principal, CARRIER, meta.path(EraOfRequest.CAPABILITIES_CLAIM),
                context.clock().instant(), context.settings().eventLogEvents(), context.settings().eventLogBytes(),
                context.settings().retryMillis(), context.retained()).stateless(level);
    }
}
