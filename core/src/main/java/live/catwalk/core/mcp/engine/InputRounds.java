package live.catwalk.core.mcp.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage;
import live.catwalk.core.mcp.engine.session.McpStream;
import live.catwalk.core.mcp.engine.session.ServerAsks;
import live.catwalk.core.mcp.engine.session.Session;

/**
 * The rounds of input of one stateless (2026-07-28) request served by a 2025 server: what the server asks its client
 * while the request runs ({@code elicitation/create}, {@code sampling/createMessage}, {@code roots/list}) is held
 * at the gateway, and the client's request is answered with an {@code input_required} result naming each question
 * under a key, with a {@code requestState} ({@link Continuations}). The server's request stays running meanwhile.
 * The client's retry with {@code inputResponses} resumes it: the answers go to the server, and what the server
 * says next (its result, or another question) answers the retry. A question left unanswered, or answered with
 * something that is no answer to it, is asked again. Thread-safe.
 */
final class InputRounds implements ServerAsks, Continuations.Parked {

    /** The methods whose results may be {@code input_required}; the revision allows it on no other. */
    static final Set<String> ASKING_METHODS = Set.of("tools/call", "prompts/get", "resources/read");
    /** How long after asking its client a request counts as blocked on that input ({@link #waitingForClient}). */
    static final Duration SETTLED = Duration.ofMillis(100);

    /** Who the request is: its principal, deployment, method and params. */
    record Asker(String principal, String deploymentId, String method, JsonNode params) {
    }

    private final Asker asker;
    private final CarrierLease lease;
    private final Session carrier;
    private final Continuations continuations;
    private final Clock clock;

    // guarded by this
    /** The client's request waiting now for what the server says next, or null between rounds. */
    private McpStream stream;
    private JsonNode clientId;
    private final Map<String, ObjectNode> asked = new LinkedHashMap<>();
    private final List<ObjectNode> queued = new ArrayList<>();
    private Instant parkedAt;
    private boolean over;
    private int keys;

    InputRounds(Asker asker, CarrierLease lease, Session carrier, Continuations continuations, Clock clock) {
        this.asker = Objects.requireNonNull(asker, "asker");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.carrier = Objects.requireNonNull(carrier, "carrier");
        this.continuations = Objects.requireNonNull(continuations, "continuations");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    Session carrier() {
        return carrier;
    }

    CarrierLease lease() {
        return lease;
    }

    /** The client's first request waits on {@code stream} under {@code id} for the server's answer or question. */
    synchronized void waitOn(McpStream stream, JsonNode id) {
        this.stream = stream;
        this.clientId = id;
    }

    @Override
    public void ask(ObjectNode request) {
        String refusal = null;
        synchronized (this) {
            if (over) {
                refusal = "The request this belonged to has ended.";
            } else if (!ASKING_METHODS.contains(asker.method())) {
                refusal = "A client of MCP 2026-07-28 can be asked for input only during tools/call, prompts/get and "
                        + "resources/read, not during " + asker.method() + ".";
            } else {
                queued.add(request);
                if (stream != null) {
                    offerRound();
                }
            }
        }
        if (refusal != null) {
            refuse(request, refusal);
        }
    }

    @Override
    public synchronized boolean waitingForClient() {
        return parkedAt != null && !clock.instant().isBefore(parkedAt.plus(SETTLED));
    }

    @Override
    public void serverAnswered() {
        synchronized (this) {
            if (parkedAt == null || over) {
                return; // answered to a client waiting for it, or over already
            }
            over = true;
            asked.clear();
            queued.clear();
        }
        continuations.remove(this);
        lease.release(carrier);
    }

    /**
     * The client's retry: it waits on {@code stream} under {@code id} (its progress under {@code token}, if any)
     * until {@code deadline}; each question answered in {@code responses} is answered at the server, and what is
     * left unanswered is asked again at once.
     */
    synchronized void resume(McpStream stream, JsonNode id, JsonNode token, JsonNode responses, Instant deadline) {
        parkedAt = null;
        this.stream = stream;
        this.clientId = id;
        if (over || !lease.bridge().repoint(carrier, stream, id, token, deadline)) {
            over = true;
            this.stream = null;
            carrier.deliver(stream, JsonRpc.line(JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "The server ended the "
                    + "request while it waited for input; call " + asker.method() + " again without requestState.")),
                    true);
            return;
        }
        for (String key : List.copyOf(asked.keySet())) {
            ObjectNode question = asked.get(key);
            JsonNode answer = responses.path(key);
            if (answers(question.path("method").asText(), answer)) {
                asked.remove(key);
                relay(JsonRpc.result(question.get("id"), answer.deepCopy()));
            }
        }
        if (!asked.isEmpty() || !queued.isEmpty()) {
            offerRound();
        }
    }

    /**
     * The client's request stream {@code ended} (answered, or broken off by the client): unless the request now waits
     * for its client's input, or a later round (the client's retry) has taken over, it is over, and its carrier
     * released (the server is told to cancel what still runs); {@code null}: whichever stream, as on a failure.
     */
    void finished(McpStream ended) {
        synchronized (this) {
            if (parkedAt != null || (ended != null && stream != null && stream != ended)) {
                return;
            }
            over = true;
            stream = null;
        }
        lease.release(carrier);
    }

    /**
     * The client did not come back in time (or the deployment stops): the server's request is cancelled, and its
     * questions are answered with an error.
     */
    @Override
    public void expire() {
        List<ObjectNode> unanswered;
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
            unanswered = new ArrayList<>(asked.values());
            unanswered.addAll(queued);
            asked.clear();
            queued.clear();
        }
        lease.bridge().cancelRequestsOf(carrier, "The client did not come back with the input asked for.");
        unanswered.forEach(q -> relay(JsonRpc.error(q.get("id"), JsonRpc.INTERNAL_ERROR,
                "The client did not answer in time.")));
        lease.release(carrier);
    }

    /** Asks the client everything asked and not answered yet: the waiting request is answered with input_required. */
    private void offerRound() {
        for (ObjectNode question : queued) {
            asked.put(keyFor(question.path("method").asText()), question);
        }
        queued.clear();
        ObjectNode inputRequests = JsonRpc.object();
        asked.forEach((key, question) -> {
            JsonNode params = question.path("params").isObject() ? question.path("params").deepCopy()
                    : JsonRpc.object();
            ((ObjectNode) params).remove("elicitationId"); // the revision has no elicitation ids
            inputRequests.putObject(key).put("method", question.path("method").asText()).set("params", params);
        });
        McpStream waiting = stream;
        JsonNode id = clientId;
        // While it waits for input the server's request has no deadline of its own: the continuation's applies.
        lease.bridge().repoint(carrier, waiting, id, null, Instant.MAX);
        Optional<String> state = continuations.park(this, asker.principal(), asker.deploymentId(), asker.method(),
                asker.params());
        if (state.isEmpty()) {
            asked.values().forEach(q -> refuse(q, "Too many requests wait for their clients' input; try later."));
            asked.clear();
            return;
        }
        ObjectNode result = JsonRpc.object().put("resultType", "input_required");
        result.set("inputRequests", inputRequests);
        result.put("requestState", state.get());
        parkedAt = clock.instant();
        stream = null;
        carrier.deliver(waiting, JsonRpc.line(JsonRpc.result(id, result)), true);
    }

    private String keyFor(String method) {
        String kind = switch (method) {
            case "elicitation/create" -> "elicitation";
            case "sampling/createMessage" -> "sampling";
            case "roots/list" -> "roots";
            default -> "input";
        };
        return kind + "_" + ++keys;
    }

    /** Whether {@code answer} answers a {@code method} request at all (its content is the server's to judge). */
    static boolean answers(String method, JsonNode answer) {
        if (!answer.isObject()) {
            return false;
        }
        return switch (method) {
            case "elicitation/create" -> Set.of("accept", "decline", "cancel").contains(answer.path("action").asText());
            case "sampling/createMessage" -> answer.path("role").isTextual()
                    && (answer.path("content").isObject() || answer.path("content").isArray());
            case "roots/list" -> answer.path("roots").isArray();
            default -> false;
        };
    }

    private void refuse(ObjectNode question, String message) {
        relay(JsonRpc.error(question.get("id"), JsonRpc.INTERNAL_ERROR, message));
    }

    private void relay(ObjectNode response) {
        lease.bridge().relay(carrier, JsonRpcMessage.of(response));
    }
}
