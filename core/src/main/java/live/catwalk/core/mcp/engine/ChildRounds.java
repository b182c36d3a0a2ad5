package live.catwalk.core.mcp.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage.Request;
import live.catwalk.core.mcp.engine.session.McpStream;
import live.catwalk.core.mcp.engine.session.Session;

/**
 * The rounds of input of one 2026-07-28 request passed through to a server that speaks the revision itself: the
 * server's {@code input_required} result reaches the client with the server's {@code requestState} swapped for one
 * of the gateway's ({@link Continuations}: bound to the client, the request and a time), which keeps the server's
 * process (in isolated mode, the request's own) until the retry; the retry goes to that process with the server's
 * state back in place. Thread-safe.
 */
final class ChildRounds implements Continuations.Parked {

    private final InputRounds.Asker asker;
    private final CarrierLease lease;
    private final Session carrier;
    private final Continuations continuations;

    // guarded by this
    /** The client's request waiting now for what the server says next. */
    private McpStream stream;
    private boolean parked;
    private boolean over;
    /** The server's own requestState of the last input_required result; null when it gave none. */
    private JsonNode childState;

    ChildRounds(InputRounds.Asker asker, CarrierLease lease, Session carrier, Continuations continuations) {
        this.asker = Objects.requireNonNull(asker, "asker");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.carrier = Objects.requireNonNull(carrier, "carrier");
        this.continuations = Objects.requireNonNull(continuations, "continuations");
    }

    /** The client's request (first, or a retry) waits on {@code stream}. */
    synchronized void waitOn(McpStream stream) {
        this.stream = stream;
    }

    Session carrier() {
        return carrier;
    }

    CarrierLease lease() {
        return lease;
    }

    /**
     * A result of the server's for the client: an {@code input_required} one (on a method that may ask) is parked
     * and carries the gateway's {@code requestState}; at the bound of requests waiting, it goes as the server gave it.
     */
    synchronized void onResult(ObjectNode result) {
        if (!"input_required".equals(result.path("resultType").asText())
                || !InputRounds.ASKING_METHODS.contains(asker.method())) {
            return;
        }
        Optional<String> state = continuations.park(this, asker.principal(), asker.deploymentId(), asker.method(),
                asker.params());
        if (state.isEmpty()) {
            return;
        }
        childState = result.get("requestState");
        result.put("requestState", state.get());
        parked = true;
    }

    /** The client's retry as the server gets it: the server's own requestState back in place of the gateway's. */
    synchronized ObjectNode resumed(Request retry) {
        parked = false;
        ObjectNode node = retry.node().deepCopy();
        ObjectNode params = (ObjectNode) node.get("params");
        if (childState != null) {
            params.set("requestState", childState);
        } else {
            params.remove("requestState");
        }
        return node;
    }

    /**
     * The client's request stream {@code ended}: unless the request waits for the client's input, or the client's
     * retry has taken over, its carrier is released ({@code null}: whichever stream, as on a failure).
     */
    void finished(McpStream ended) {
        synchronized (this) {
            if (parked || (ended != null && stream != null && stream != ended)) {
                return;
            }
            over = true;
            stream = null;
        }
        lease.release(carrier);
    }

    @Override
    public void expire() {
        synchronized (this) {
            if (over) {
                return;
            }
            over = true;
        }
        lease.release(carrier);
    }
}
