package live.catwalk.core.mcp.engine.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.function.Predicate;
import live.catwalk.core.mcp.domain.jsonrpc.IdKey;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage.Notification;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage.Request;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage.Response;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage;
import live.catwalk.core.mcp.engine.session.McpStream;
import live.catwalk.core.mcp.engine.session.Session;

/**
 * Carries what a client sends to the server of its bridge: requests (with subscriptions shared across
 * sessions), cancellations mapped to the server's ids, answers to the server's own requests (only from
 * the session that was asked), and other notifications as they are.
 */
final class ClientRouter {

    /** Sends a client request on to the server (or answers it with the caps' refusal). */
    interface Forward {

        void forward(Session session, McpStream stream, Request request, Instant deadline);
    }

    private final Forward forward;
    private final Predicate<String> send;
    private final InFlight inFlight;
    private final Subscriptions subscriptions;

    /** {@code send} writes one line to the server, false when it cannot. */
    ClientRouter(Forward forward, Predicate<String> send, InFlight inFlight, Subscriptions subscriptions) {
        this.forward = forward;
        this.send = send;
        this.inFlight = inFlight;
        this.subscriptions = subscriptions;
    }

    void request(Session session, McpStream stream, Request request, Instant deadline) {
        String uri = request.params().path("uri").asText("");
        boolean answerHere = switch (request.method()) {
            case "resources/subscribe" -> !subscriptions.add(uri, session);
            case "resources/unsubscribe" -> !subscriptions.remove(uri, session);
            default -> false;
        };
        if (answerHere) {
            session.deliver(stream, JsonRpc.line(JsonRpc.result(request.id(), JsonRpc.object())), true);
        } else {
            forward.forward(session, stream, request, deadline);
        }
    }

    /** A notification or a response from the client; never answered. */
    void other(Session session, JsonRpcMessage message) {
        switch (message) {
            case Response response -> answerServer(session, response);
            case Notification notification -> notifyServer(session, notification);
            case Request request -> throw new IllegalArgumentException("requests go through request()");
        }
    }

    private void answerServer(Session session, Response response) {
        JsonNode id = response.id();
        if ((id.isTextual() || id.isIntegralNumber()) && inFlight.serverRequests.remove(IdKey.of(id), session)) {
            send.test(JsonRpc.line(response.node()));
        }
    }

    private void notifyServer(Session session, Notification notification) {
        switch (notification.method()) {
            // The bridge initialized the server itself, once per process.
            case "notifications/initialized" -> { }
            case "notifications/cancelled" -> cancel(session, notification);
            default -> send.test(JsonRpc.line(notification.node()));
        }
    }

    private void cancel(Session session, Notification notification) {
        JsonNode requestId = notification.params().path("requestId");
        if (!(requestId.isTextual() || requestId.isIntegralNumber())) {
            return;
        }
        IdKey key = IdKey.of(requestId);
        for (Pending p : inFlight.requests.values()) {
            if (p.session() == session && p.clientKey().equals(key) && inFlight.release(p)) {
                ((ObjectNode) notification.params()).put("requestId", p.childId());
                send.test(JsonRpc.line(notification.node()));
                session.abandon(p.stream());
                return;
            }
        }
    }
}
