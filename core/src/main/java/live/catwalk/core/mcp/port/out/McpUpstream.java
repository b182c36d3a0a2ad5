package live.catwalk.core.mcp.port.out;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage;

/**
 * Where one deployment's MCP exchanges go once the edge admitted them: the in-process engine (the stdio
 * server runs here, its sessions live here) or a forwarder to the runner on the deployment's own machine.
 * The exchange names its caller by principal and carries no credential: a forwarder asserts the principal to
 * its runner with the runner's own secret, so sessions stay bound to their owner. Headers pass as the client
 * sent them but for {@code Authorization}; a POST's body arrives parsed once. The answer may be a stream of
 * events the transport writes as they come; a GET with {@code Last-Event-ID} resumes one. Session rules
 * ({@code Mcp-Session-Id}, {@code MCP-Protocol-Version} on a session) are the upstream's. Never throws for
 * bad input. Thread-safe.
 */
@FunctionalInterface
public interface McpUpstream {

    /** Answers an admitted exchange; may block for the JSON window. Interrupted: the caller is going away. */
    McpHttpResponse exchange(Exchange exchange) throws InterruptedException;

    /**
     * As {@link #exchange(Exchange)}, the answer handed to {@code answered} exactly once: at once, or later on another
     * thread, so that a request waiting for its server need not hold a thread. {@code answered} must neither block for
     * long nor throw. By default it answers at once, on this thread.
     */
    default void exchange(Exchange exchange, Consumer<McpHttpResponse> answered) throws InterruptedException {
        answered.accept(exchange(exchange));
    }

    /** One admitted request: POST carries its {@link Posted} body; GET and DELETE none. */
    record Exchange(String deploymentId, String method, String principal, Headers headers, Optional<Posted> posted) {

        public Exchange {
            Objects.requireNonNull(deploymentId, "deploymentId");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(posted, "posted");
        }
    }

    /**
     * A POST body: the bytes as received (for a forwarder), the JSON they parse to and the JSON-RPC messages in
     * it (one, or a batch's in order). Do not modify {@code json}.
     */
    record Posted(byte[] bytes, JsonNode json, List<JsonRpcMessage> messages) {

        public Posted {
            Objects.requireNonNull(bytes, "bytes");
            Objects.requireNonNull(json, "json");
            messages = List.copyOf(messages);
        }

        /** Whether the body is a (2025-03-26) batch. */
        public boolean batch() {
            return json.isArray();
        }

        /** The id of a lone request, for errors that answer it; null for a batch, a notification or an answer. */
        public JsonNode replyId() {
            return !batch() && messages.size() == 1 && messages.getFirst() instanceof JsonRpcMessage.Request r
                    ? r.id() : null;
        }
    }
}
