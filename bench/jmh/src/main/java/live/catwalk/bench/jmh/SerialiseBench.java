package live.catwalk.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import live.catwalk.core.mcp.domain.jsonrpc.IdKey;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Writing a client's request for the server, as Bridge.forward does: the child's id and progress token put into the
 * parsed tree, the request's {@link IdKey} made, and the tree serialised with {@link JsonRpc#line} (what goes to
 * stdin) or {@link JsonRpc#bytes}. The tree is parsed once; each call rewrites the same two values, so its shape
 * and size stay those of a fresh request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SerialiseBench {

    private JsonRpcMessage.Request request;
    private long nextId;

    @Setup
    public void setUp() {
        request = (JsonRpcMessage.Request) JsonRpcMessage.of(JsonRpc.parse(Messages.utf8(Messages.CALL_2025)));
    }

    /** Bridge.forward's rewrite, then the stdin line. */
    @Benchmark
    public String forwardLine() {
        return JsonRpc.line(rewrite());
    }

    /** The same rewrite, then UTF-8 bytes (the form HTTP answers are written in). */
    @Benchmark
    public byte[] forwardBytes() {
        return JsonRpc.bytes(rewrite());
    }

    private ObjectNode rewrite() {
        long childId = ++nextId;
        ObjectNode node = request.node();
        IdKey key = IdKey.of(request.id()); // made for the Pending before the id is replaced
        node.put("id", childId);
        if (node.path("params").path("_meta") instanceof ObjectNode meta && meta.has("progressToken")) {
            JsonNode clientToken = meta.get("progressToken");
            meta.put("progressToken", "catwalk-progress-" + childId);
            if (clientToken == null || key == null) {
                throw new IllegalStateException();
            }
        }
        return node;
    }
}
