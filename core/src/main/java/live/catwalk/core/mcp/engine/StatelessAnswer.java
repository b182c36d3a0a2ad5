package live.catwalk.core.mcp.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.Optional;
import live.catwalk.core.mcp.domain.http.SseFrame;
import live.catwalk.core.mcp.domain.http.SseSource;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.protocol.StatelessRequests;
import live.catwalk.core.mcp.domain.protocol.StatelessResults;

/**
 * The answer to one stateless request as it comes from the server, completed for the revision: the response (as
 * JSON, or the last event of a stream) gets {@link StatelessResults}; the stream ends after it; ending it, written
 * out or broken off, runs {@code done} once (which releases the carrier: a request still running is cancelled).
 */
final class StatelessAnswer implements SseSource {

    private final String method;
    private final JsonNode params;
    private final JsonNode serverInfo;
    private final Runnable done;
    private SseSource events;
    private boolean answered;
    private boolean missingCapability;
    private int errorCode;
    private Consumer<ObjectNode> onResult = result -> { };

    StatelessAnswer(String method, JsonNode params, JsonNode serverInfo, Runnable done) {
        this.method = Objects.requireNonNull(method, "method");
        this.params = Objects.requireNonNull(params, "params");
        this.serverInfo = Objects.requireNonNull(serverInfo, "serverInfo");
        this.done = Objects.requireNonNull(done, "done");
    }

    /** This answer, showing each result to {@code onResult} once completed (which may change it). */
    StatelessAnswer showingResults(Consumer<ObjectNode> onResult) {
        this.onResult = Objects.requireNonNull(onResult, "onResult");
        return this;
    }

    /** This answer reading {@code source}, the stream the server's messages for the request arrive on. */
    StatelessAnswer reading(SseSource source) {
        this.events = Objects.requireNonNull(source, "source");
        return this;
    }

    /** A JSON-RPC response line completed for the revision; empty for any other message (passed on as it is). */
    Optional<String> completed(String message) {
        JsonNode node;
        try {
            node = JsonRpc.parse(message);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!node.isObject() || !node.has("id") || node.has("method")) {
            return Optional.empty();
        }
        ObjectNode response = (ObjectNode) node;
        if (response.path("result").isObject()) {
            StatelessResults.complete(method, (ObjectNode) response.get("result"), serverInfo);
            onResult.accept((ObjectNode) response.get("result"));
        } else if (response.path("error").isObject()) {
            StatelessResults.error(method, (ObjectNode) response.get("error"), params);
            errorCode = response.path("error").path("code").asInt();
            missingCapability = errorCode == StatelessRequests.MISSING_CAPABILITY;
        } else {
            return Optional.empty();
        }
        return Optional.of(JsonRpc.line(response));
    }

    /** Whether the last response completed refused the request for a capability it did not declare (HTTP 400). */
    boolean missingCapability() {
        return missingCapability;
    }

    /** The code of the last error response completed, 0 if none. */
    int errorCode() {
        return errorCode;
    }

    @Override
    public SseFrame poll(Duration maxWait) throws InterruptedException {
        if (answered) {
            close();
            return SseFrame.END;
        }
        SseFrame frame = events.poll(maxWait);
        if (frame instanceof SseFrame.Event event && !event.data().isEmpty()) {
            Optional<String> response = completed(event.data());
            if (response.isPresent()) {
                answered = true;
                return new SseFrame.Event(event.id(), response.get(), event.retryMillis());
            }
        } else if (frame instanceof SseFrame.End) {
            close();
        }
        return frame;
    }

    @Override
    public void close() {
        try {
            if (events != null) {
                events.close();
            }
        } finally {
            done.run();
        }
    }
}
