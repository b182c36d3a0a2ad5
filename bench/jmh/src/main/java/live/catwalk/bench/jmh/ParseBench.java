package live.catwalk.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage;
import live.catwalk.core.mcp.domain.protocol.EraOfRequest;
import live.catwalk.core.mcp.domain.protocol.StatelessRequests;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Reading a posted tools/call as ServeMcpService and SessionExchanges do: the body's bytes parsed into a tree
 * ({@link JsonRpc#parse(byte[])}), classified ({@link JsonRpcMessage#of}) and its era decided from the body
 * ({@link EraOfRequest#of}, which runs for every POST); for the 2026-07-28 call also the revision's own checks
 * ({@link StatelessRequests#check}). A fresh tree per call, as in the gateway.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ParseBench {

    private final byte[] body2025 = Messages.utf8(Messages.CALL_2025);
    private final byte[] body2026 = Messages.utf8(Messages.CALL_2026);
    private final Headers headers2025 = Headers.single(Messages.headers2025("bench-session-0123456789"));
    private final Headers headers2026 = Headers.single(Messages.headers2026());

    /** bytes → tree → message → era (sessionful): what a 2025 tools/call costs before it reaches its session. */
    @Benchmark
    public Object toolsCall2025() {
        JsonNode json = JsonRpc.parse(body2025);
        JsonRpcMessage message = JsonRpcMessage.of(json);
        EraOfRequest era = EraOfRequest.of("POST", json, headers2025.first("MCP-Protocol-Version"),
                headers2025.first("Mcp-Method"));
        return era instanceof EraOfRequest.Sessionful ? message : null;
    }

    /** The same for a 2026-07-28 call with its _meta claims, plus the revision's checks (headers against body). */
    @Benchmark
    public Object toolsCall2026() {
        JsonNode json = JsonRpc.parse(body2026);
        JsonRpcMessage message = JsonRpcMessage.of(json);
        EraOfRequest era = EraOfRequest.of("POST", json, headers2026.first("MCP-Protocol-Version"),
                headers2026.first("Mcp-Method"));
        if (!(era instanceof EraOfRequest.Stateless stateless)
                || !(message instanceof JsonRpcMessage.Request request)) {
            throw new IllegalStateException("not a stateless request: " + era);
        }
        Optional<StatelessRequests.Refusal> refusal = StatelessRequests.check(headers2026, request.method(),
                request.params(), stateless.version());
        return refusal.isEmpty() ? request : refusal;
    }
}
