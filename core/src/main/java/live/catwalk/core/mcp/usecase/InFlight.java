package live.catwalk.core.mcp.usecase;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import live.catwalk.core.mcp.domain.jsonrpc.IdKey;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.session.Session;

/**
 * What is in flight through one bridge: client requests by the id the server sees (oldest first), their
 * progress tokens, and the server's own requests by the session that must answer them. Whoever releases
 * a request answers it; a request is released once. Thread-safe.
 */
final class InFlight {

    final ConcurrentSkipListMap<Long, Pending> requests = new ConcurrentSkipListMap<>();
    final Map<String, Pending> progress = new ConcurrentHashMap<>();
    final Map<IdKey, Session> serverRequests = new ConcurrentHashMap<>();

    void add(Pending p) {
        requests.put(p.childId(), p);
        if (p.childToken() != null) {
            progress.put(p.childToken(), p);
        }
    }

    /** Removes a request; true only for the one caller that wins the race to answer it. */
    boolean release(Pending p) {
        if (!requests.remove(p.childId(), p)) {
            return false;
        }
        if (p.childToken() != null) {
            progress.remove(p.childToken());
        }
        return true;
    }

    /** The request that has waited longest, or null. */
    Pending oldest() {
        Map.Entry<Long, Pending> first = requests.firstEntry();
        return first == null ? null : first.getValue();
    }

    /** Answers a request with a JSON-RPC error on the client's id. */
    static void answer(Pending p, int code, String message) {
        p.session().deliver(p.stream(), JsonRpc.line(JsonRpc.error(p.clientId(), code, message)), true);
    }

    /** Answers every request with an error and forgets the server's requests (its process is gone). */
    void failAll(String message) {
        for (Pending p : requests.values()) {
            if (release(p)) {
                answer(p, JsonRpc.SERVER_UNAVAILABLE, message);
            }
        }
        serverRequests.clear();
    }

    /** Answers a session's requests with an error at once and forgets its server requests (it is ending). */
    void failAllOf(Session session, String message) {
        for (Pending p : requests.values()) {
            if (p.session() == session && release(p)) {
                answer(p, JsonRpc.SERVER_UNAVAILABLE, message);
            }
        }
        serverRequests.values().removeIf(s -> s == session);
    }

    /** Releases a vanished session's requests (cancelling each at the server) and its server requests. */
    void forget(Session session, Bridge bridge) {
        for (Pending p : requests.values()) {
            if (p.session() == session && release(p)) {
                bridge.cancelAtServer(p.childId(), "The client session ended.");
            }
        }
        serverRequests.values().removeIf(s -> s == session);
    }

    /** Answers and cancels requests past their deadline. */
    void expire(Instant now, Bridge bridge) {
        for (Pending p : requests.values()) {
            if (p.deadline().isBefore(now) && release(p)) {
                answer(p, JsonRpc.REQUEST_TIMEOUT, "The MCP server did not answer in time; the request was cancelled.");
                bridge.cancelAtServer(p.childId(), "Timed out at the gateway.");
            }
        }
    }

    boolean hasRequestsOf(Session session) {
        return requests.values().stream().anyMatch(p -> p.session() == session);
    }
}
