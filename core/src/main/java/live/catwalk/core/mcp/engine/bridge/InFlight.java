package live.catwalk.core.mcp.engine.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import live.catwalk.core.mcp.domain.jsonrpc.IdKey;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.engine.session.McpStream;
import live.catwalk.core.mcp.engine.session.Session;

/**
 * What is in flight through one bridge: client requests by the id the server sees (oldest first), their
 * progress tokens, and the server's own requests by the session that must answer them. Whoever releases
 * a request answers it; a request is released once. Thread-safe.
 */
final class InFlight {

    private final Slots deployment;
    private final int perSession;
    private final Map<Session, Integer> counts = new HashMap<>(); // guarded by this

    final ConcurrentSkipListMap<Long, Pending> requests = new ConcurrentSkipListMap<>();
    final Map<String, Pending> progress = new ConcurrentHashMap<>();
    final Map<IdKey, Session> serverRequests = new ConcurrentHashMap<>();

    /** Counts requests against {@code deployment} (shared by its bridges) and {@code perSession} per session. */
    InFlight(Slots deployment, int perSession) {
        this.deployment = deployment;
        this.perSession = perSession;
    }

    /** Why a request of {@code session} would be refused now for the caps, or null. */
    synchronized String refusal(Session session) {
        if (counts.getOrDefault(session, 0) >= perSession) {
            return sessionFull(perSession);
        }
        return deployment.full() ? deploymentFull(deployment.cap()) : null;
    }

    /** Takes a slot for one request of {@code session}, which {@link #release} gives back; why not, or null. */
    synchronized String reserve(Session session) {
        if (counts.getOrDefault(session, 0) >= perSession) {
            return sessionFull(perSession);
        }
        if (!deployment.take()) {
            return deploymentFull(deployment.cap());
        }
        counts.merge(session, 1, Integer::sum);
        return null;
    }

    private synchronized void giveBack(Session session) {
        counts.computeIfPresent(session, (s, n) -> n <= 1 ? null : n - 1);
        deployment.give();
    }

    static String sessionFull(int cap) {
        return "Too many requests in flight: this session already waits for " + cap + " answers "
                + "(CATWALK_MAX_INFLIGHT_PER_SESSION); retry when some are answered.";
    }

    static String deploymentFull(int cap) {
        return "Too many requests in flight: this deployment already waits for " + cap + " answers "
                + "(CATWALK_MAX_INFLIGHT_PER_DEPLOYMENT); retry later.";
    }

    /** Adds a request whose slot {@link #reserve} took. */
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
        giveBack(p.session());
        return true;
    }

    /**
     * Sends the answer to {@code session}'s one request in flight to {@code stream} under {@code clientId} (and its
     * progress to {@code clientToken}, if given) from now on, with a new {@code deadline}; false when it has none.
     */
    boolean repoint(Session session, McpStream stream, JsonNode clientId, JsonNode clientToken, Instant deadline) {
        for (Pending p : requests.values()) {
            if (p.session() == session) {
                Pending moved = new Pending(p.childId(), session, stream, clientId, IdKey.of(clientId), p.childToken(),
                        clientToken != null ? clientToken : p.clientToken(), deadline);
                if (!requests.replace(p.childId(), p, moved)) {
                    return false;
                }
                if (p.childToken() != null) {
                    progress.replace(p.childToken(), p, moved);
                }
                return true;
            }
        }
        return false;
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

    /** How to tell the server that the request it knows as {@code childId} is no longer wanted, and why. */
    interface Cancel {

        void atServer(long childId, String reason);
    }

    /** Releases a vanished session's requests (cancelling each at the server) and its server requests. */
    void forget(Session session, Cancel cancel) {
        cancelRequestsOf(session, cancel, "The client session ended.");
        serverRequests.values().removeIf(s -> s == session);
    }

    /** Releases a session's requests, cancelling each at the server for {@code reason}; its server requests stay. */
    void cancelRequestsOf(Session session, Cancel cancel, String reason) {
        for (Pending p : requests.values()) {
            if (p.session() == session && release(p)) {
                cancel.atServer(p.childId(), reason);
            }
        }
    }

    /** Answers and cancels requests past their deadline. */
    void expire(Instant now, Cancel cancel) {
        for (Pending p : requests.values()) {
            if (p.deadline().isBefore(now) && release(p)) {
                answer(p, JsonRpc.REQUEST_TIMEOUT, "The MCP server did not answer in time; the request was cancelled.");
                cancel.atServer(p.childId(), "Timed out at the gateway.");
            }
        }
    }

    boolean hasRequestsOf(Session session) {
        return requests.values().stream().anyMatch(p -> p.session() == session);
    }
}
