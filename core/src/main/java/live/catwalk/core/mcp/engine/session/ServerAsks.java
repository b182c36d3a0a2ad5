package live.catwalk.core.mcp.engine.session;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a stateless (2026-07-28) request does with the server's own requests (elicitation, sampling, roots) while
 * it runs: it asks its client for them in rounds (the revision's multi-round-trip results). Called on the server's
 * reading thread.
 */
public interface ServerAsks {

    /** The server asks {@code request} (a JSON-RPC request of its own) on behalf of this request. */
    void ask(ObjectNode request);

    /**
     * Whether the request has waited for its client's input for a while: the server's handler is then blocked on
     * it, so a new request of the server's is taken not to be this one's.
     */
    boolean waitingForClient();

    /**
     * The server answered the request (its result or error came back): if the request was waiting for its client's
     * input meanwhile, nobody waits for that answer any more, and the request is over.
     */
    void serverAnswered();
}
