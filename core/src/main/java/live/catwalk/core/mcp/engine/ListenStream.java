package live.catwalk.core.mcp.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;

/**
 * The stream of one {@code subscriptions/listen} (2026-07-28): first the acknowledgement naming what is honoured,
 * then, of what the server sends unasked, only the notifications asked for ({@code list_changed} of tools, prompts or
 * resources; {@code resources/updated} of the listed URIs), each tagged with the subscription id (the listen
 * request's id). Ending it, written out or broken off, runs {@code done} once (the subscription is over).
 */
final class ListenStream implements SseSource {

    /** The {@code _meta} key naming the subscription a message belongs to. */
    static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

    private final SseSource unasked;
    private final JsonNode subscriptionId;
    private final ObjectNode honoured;
    private final List<String> uris;
    private final Runnable done;
    private boolean acknowledged;
    private boolean closed;

    /** {@code honoured}: the filter as granted ({@code toolsListChanged} …, {@code resourceSubscriptions}). */
    ListenStream(SseSource unasked, JsonNode subscriptionId, ObjectNode honoured, Runnable done) {
        this.unasked = Objects.requireNonNull(unasked, "unasked");
        this.subscriptionId = Objects.requireNonNull(subscriptionId, "subscriptionId");
        this.honoured = Objects.requireNonNull(honoured, "honoured");
        this.done = Objects.requireNonNull(done, "done");
        List<String> listed = new java.util.ArrayList<>();
        honoured.path("resourceSubscriptions").forEach(uri -> listed.add(uri.asText()));
        this.uris = List.copyOf(listed);
    }

    @Override
    public SseFrame poll(Duration maxWait) throws InterruptedException {
        if (!acknowledged) {
            acknowledged = true;
            ObjectNode params = JsonRpc.object();
            params.set("notifications", honoured.deepCopy());
            return event(JsonRpc.notification("notifications/subscriptions/acknowledged", params));
        }
        SseFrame frame = unasked.poll(maxWait);
        if (frame instanceof SseFrame.Event e && !e.data().isEmpty()) {
            JsonNode message = JsonRpc.parse(e.data());
            // Not asked for: nothing to write this time (the transport's keep-alive instead).
            return message.isObject() && wanted(message) ? event((ObjectNode) message) : null;
        }
        return frame instanceof SseFrame.Event ? null : frame;
    }

    private boolean wanted(JsonNode message) {
        return switch (message.path("method").asText("")) {
            case "notifications/tools/list_changed" -> honoured.path("toolsListChanged").asBoolean(false);
            case "notifications/prompts/list_changed" -> honoured.path("promptsListChanged").asBoolean(false);
            case "notifications/resources/list_changed" -> honoured.path("resourcesListChanged").asBoolean(false);
            case "notifications/resources/updated" -> uris.contains(message.path("params").path("uri").asText());
            default -> false;
        };
    }

    private SseFrame.Event event(ObjectNode message) {
        JsonNode params = message.path("params");
        ObjectNode own = params.isObject() ? (ObjectNode) params : message.putObject("params");
        JsonNode meta = own.path("_meta");
        ObjectNode ownMeta = meta.isObject() ? (ObjectNode) meta : own.putObject("_meta");
        ownMeta.set(SUBSCRIPTION_ID, subscriptionId);
        return new SseFrame.Event(null, JsonRpc.line(message), OptionalLong.empty());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            unasked.close();
        } finally {
            done.run();
        }
    }
}
