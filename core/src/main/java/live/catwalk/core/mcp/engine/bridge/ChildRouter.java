package live.catwalk.core.mcp.engine.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.mcp.domain.jsonrpc.IdKey;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage.Notification;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage.Request;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage.Response;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage;
import live.catwalk.core.mcp.domain.jsonrpc.PlainResponse;
import live.catwalk.core.mcp.engine.session.ServerAsks;
import live.catwalk.core.mcp.engine.session.Session;

/**
 * Routes what the server writes: answers back to the request they answer, progress to the request that
 * asked for it, server→client requests (sampling, elicitation, roots) to exactly one session (the one
 * with the oldest request in flight, else the most recently active one, on its standalone stream; for a
 * stateless request, to its rounds of input), and notifications unrelated to a request to each session's
 * standalone stream. A stdio server does not say which request a message relates to; the oldest request in
 * flight is the best evidence there is among 2025 sessions, and none is good enough when a stateless request is
 * among several clients' requests in flight: the server's request is then refused.
 */
final class ChildRouter {

    /** What the router may do to its bridge: write to the server, and take the answer to the bridge's initialize. */
    interface Server {

        /** Writes one line to the server; false when no process is running or it does not read. */
        boolean send(String line);

        boolean isInitialize(long childId);

        void onInitializeAnswer(ObjectNode answer);
    }

    /** 2026-07-28's code for a request needing a client capability it did not declare. */
    private static final int MISSING_CAPABILITY = -32021;
    private static final Map<String, String> NEEDS = Map.of(
            "sampling/createMessage", "sampling",
            "elicitation/create", "elicitation",
            "roots/list", "roots");

    private final Server server;
    private final InFlight inFlight;
    private final Pings pings;
    private final Subscriptions subscriptions;
    private final BridgeSessions sessions;

    ChildRouter(Server server, InFlight inFlight, Pings pings, Subscriptions subscriptions, BridgeSessions sessions) {
        this.server = server;
        this.inFlight = inFlight;
        this.pings = pings;
        this.subscriptions = subscriptions;
        this.sessions = sessions;
    }

    /** One stdout line of the server; lines that are not JSON-RPC are ignored. */
    void route(String text) {
        PlainResponse plain = PlainResponse.scan(text);
        if (plain != null && !server.isInitialize(plain.id())) {
            onPlainResponse(plain); // the common case: no tree, the id spliced into the server's text
            return;
        }
        JsonNode json;
        try {
            json = JsonRpc.parse(text);
        } catch (JsonRpc.MalformedJson e) {
            return;
        }
        if (json.isArray()) {
            json.forEach(this::routeOne);
        } else {
            routeOne(json);
        }
    }

    private void routeOne(JsonNode json) {
        JsonRpcMessage message;
        try {
            message = JsonRpcMessage.of(json);
        } catch (JsonRpcMessage.InvalidMessage e) {
            return;
        }
        switch (message) {
            case Response response -> onResponse(response);
            case Notification notification -> onNotification(notification);
            case Request request -> onRequest(request);
        }
    }

    private void onResponse(Response response) {
        if (Pings.isPingId(response.id())) {
            pings.onAnswer(response.node());
            return;
        }
        if (!response.id().isIntegralNumber()) {
            return;
        }
        long childId = response.id().asLong();
        if (server.isInitialize(childId)) {
            server.onInitializeAnswer(response.node());
            return;
        }
        Pending p = inFlight.requests.get(childId);
        if (p == null || !inFlight.release(p)) {
            return;
        }
        ObjectNode node = response.node();
        node.set("id", p.clientId());
        p.session().deliver(p.stream(), JsonRpc.line(node), true);
        p.session().asks().ifPresent(ServerAsks::serverAnswered);
    }

    private void onPlainResponse(PlainResponse response) {
        Pending p = inFlight.requests.get(response.id());
        if (p == null || !inFlight.release(p)) {
            return;
        }
        JsonNode clientId = p.clientId();
        String id = clientId.isIntegralNumber() ? clientId.asText() : JsonRpc.line(clientId);
        p.session().deliver(p.stream(), response.withId(id), true);
        p.session().asks().ifPresent(ServerAsks::serverAnswered);
    }

    private void onNotification(Notification notification) {
        JsonNode params = notification.params();
        switch (notification.method()) {
            case "notifications/progress" -> {
                Pending p = inFlight.progress.get(params.path("progressToken").asText(""));
                if (p != null) {
                    ((ObjectNode) params).set("progressToken", p.clientToken());
                    p.session().deliver(p.stream(), JsonRpc.line(notification.node()), false);
                }
            }
            case "notifications/cancelled" -> {
                JsonNode requestId = params.path("requestId");
                Session session = requestId.isTextual() || requestId.isIntegralNumber()
                        ? inFlight.serverRequests.remove(IdKey.of(requestId)) : null;
                if (session != null) {
                    toRelatedStream(session, JsonRpc.line(notification.node()));
                }
            }
            case "notifications/resources/updated" -> {
                String line = JsonRpc.line(notification.node());
                subscriptions.of(params.path("uri").asText("")).forEach(s -> s.deliverUnrelated(line));
            }
            case "notifications/message" -> {
                Pending oldest = candidates().oldest; // not a request blocked on its client's input
                String line = JsonRpc.line(notification.node());
                if (oldest != null) {
                    if (oldest.session().takesLog(params.path("level").asText(""))) {
                        oldest.session().deliver(oldest.stream(), line, false);
                    }
                } else {
                    sessions.all().forEach(s -> s.deliverUnrelated(line));
                }
            }
            default -> {
                String line = JsonRpc.line(notification.node());
                sessions.all().forEach(s -> s.deliverUnrelated(line));
            }
        }
    }

    private void onRequest(Request request) {
        if (request.method().equals("ping")) {
            server.send(JsonRpc.line(JsonRpc.result(request.id(), JsonRpc.object())));
            return;
        }
        Candidates candidates = candidates();
        Pending oldest = candidates.oldest;
        Session target = oldest != null ? oldest.session() : sessions.mostRecent().orElse(null);
        if (target == null) {
            refuse(request, JsonRpc.INTERNAL_ERROR, "No client session is connected to answer " + request.method() + ".");
            return;
        }
        if (candidates.stateless && candidates.sessions > 1) {
            // A stdio server does not say which request it asks for: with a 2026 request among several clients'
            // requests in flight, any choice could hand one client's question to another. Fail safe.
            refuse(request, JsonRpc.INTERNAL_ERROR, "Catwalk cannot tell which of the requests in flight "
                    + request.method() + " belongs to (several clients' requests run on this server process), so "
                    + "it was refused; a deployment in isolated session mode gives each 2026 request its own process.");
            return;
        }
        String capability = NEEDS.get(request.method());
        if (target.stateless()) {
            askStateless(oldest, target, request, capability);
            return;
        }
        if (capability != null && !target.clientSupports(capability)) {
            refuse(request, JsonRpc.METHOD_NOT_FOUND, "The client did not declare the '" + capability + "' capability.");
            return;
        }
        inFlight.serverRequests.put(IdKey.of(request.id()), target);
        String line = JsonRpc.line(request.node());
        if (oldest != null) {
            target.deliver(oldest.stream(), line, false);
        } else {
            target.deliverUnrelated(line);
        }
    }

    /**
     * A request of the server's during a stateless (2026-07-28) request, which cannot be sent to its client: asked in
     * rounds of input ({@link ServerAsks}), or refused with {@code -32021} when the client did not declare what it
     * needs (the request then ends), or refused at the server when it is no question a client could answer.
     */
    private void askStateless(Pending oldest, Session target, Request request, String capability) {
        Optional<ServerAsks> asks = target.asks();
        if (oldest == null || capability == null || asks.isEmpty()) {
            refuse(request, JsonRpc.METHOD_NOT_FOUND, "The client speaks MCP 2026-07-28, whose clients take no "
                    + request.method() + " request " + (oldest == null ? "outside a request of theirs." : "here."));
            return;
        }
        if (!target.clientSupports(capability)) {
            refuse(request, JsonRpc.METHOD_NOT_FOUND, "The client did not declare the '" + capability + "' capability.");
            if (inFlight.release(oldest)) {
                // The client did not declare what the server needs for its request: -32021, and the request ends.
                server.send(JsonRpc.line(JsonRpc.notification("notifications/cancelled", JsonRpc.object()
                        .put("requestId", oldest.childId()).put("reason", "the client lacks " + capability))));
                ObjectNode error = JsonRpc.object().put("code", MISSING_CAPABILITY)
                        .put("message", "Missing required client capability: " + capability);
                error.putObject("data").putObject("requiredCapabilities").putObject(capability);
                target.deliver(oldest.stream(), JsonRpc.line(JsonRpc.error(oldest.clientId(), error)), true);
            }
            return;
        }
        inFlight.serverRequests.put(IdKey.of(request.id()), target);
        asks.get().ask(request.node());
    }

    private void refuse(Request request, int code, String message) {
        server.send(JsonRpc.line(JsonRpc.error(request.id(), code, message)));
    }

    /** The requests in flight that a request of the server's may belong to. */
    private static final class Candidates {

        /** The oldest of them, or null. */
        Pending oldest;
        /** How many sessions they belong to. */
        int sessions;
        /** Whether any of them is a stateless request's. */
        boolean stateless;
    }

    /**
     * The requests in flight, less stateless ones that have waited for their client's input for a while (their
     * handler at the server is blocked on that input, so a new request of the server's is not theirs).
     */
    private Candidates candidates() {
        Candidates c = new Candidates();
        Set<Session> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Pending p : inFlight.requests.values()) {
            Session s = p.session();
            if (s.asks().map(ServerAsks::waitingForClient).orElse(false)) {
                continue;
            }
            if (c.oldest == null) {
                c.oldest = p;
            }
            if (seen.add(s)) {
                c.sessions++;
                c.stateless |= s.stateless();
            }
        }
        return c;
    }

    private void toRelatedStream(Session session, String line) {
        for (Pending p : inFlight.requests.values()) {
            if (p.session() == session) {
                session.deliver(p.stream(), line, false);
                return;
            }
        }
        session.deliverUnrelated(line);
    }
}
