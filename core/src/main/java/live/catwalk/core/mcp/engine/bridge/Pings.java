package live.catwalk.core.mcp.engine.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;

/**
 * The bridge's own {@code ping} requests to its server. Their ids are strings ({@code catwalk-ping-N})
 * while forwarded client requests and the bridge's initialize go out under numbers, so an answer to a
 * ping can never be taken for a client's, and is never routed to a session. Thread-safe.
 */
final class Pings {

    private static final String PREFIX = "catwalk-ping-";

    private final AtomicLong next = new AtomicLong();
    private final Map<String, CompletableFuture<Boolean>> waiting = new ConcurrentHashMap<>();

    /**
     * Sends a ping with {@code send} (to a server of the stateless revision only, which has no ping, a
     * {@code server/discover}); true when a result (not an error) comes back in time.
     */
    boolean ping(Predicate<String> send, Duration timeout, boolean modern) {
        String id = PREFIX + next.incrementAndGet();
        CompletableFuture<Boolean> answered = new CompletableFuture<>();
        waiting.put(id, answered);
        try {
            JsonNode requestId = JsonRpc.object().textNode(id);
            ObjectNode request = modern ? JsonRpc.request(requestId, "server/discover", ModernChild.claims())
                    : JsonRpc.request(requestId, "ping", JsonRpc.object());
            if (!send.test(JsonRpc.line(request))) {
                return false;
            }
            return answered.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiting.remove(id);
        }
    }

    /** Whether a response id is one of the bridge's pings (also one answered too late). */
    static boolean isPingId(JsonNode id) {
        return id.isTextual() && id.asText().startsWith(PREFIX);
    }

    void onAnswer(ObjectNode response) {
        CompletableFuture<Boolean> answered = waiting.get(response.path("id").asText());
        if (answered != null) {
            answered.complete(response.has("result"));
        }
    }

    /** The server is gone: every ping waiting is unanswered, at once. */
    void failAll() {
        waiting.values().forEach(f -> f.complete(false));
    }
}
