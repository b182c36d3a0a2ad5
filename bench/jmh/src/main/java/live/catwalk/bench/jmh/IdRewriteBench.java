package live.catwalk.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage;
import live.catwalk.core.mcp.domain.jsonrpc.PlainResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Giving a server's answer line back its client's id, as ChildRouter does: {@link #splice} is the path every plain
 * response takes ({@link PlainResponse#scan} validates the line, {@link PlainResponse#withId} splices the id into
 * the text); {@link #reparse} is the path it avoids (and that every other line still takes): parse into a tree,
 * classify, set the id, serialise. {@code textChars} is the length of the answer's one text content.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class IdRewriteBench {

    @Param({"32", "4096"})
    public int textChars;

    private String line;
    private final JsonNode clientId = IntNode.valueOf(42);

    @Setup
    public void setUp() {
        line = Messages.answer(1_000_017, textChars);
    }

    /** scan + withId, the client's integer id as its text (ChildRouter.onPlainResponse). */
    @Benchmark
    public String splice() {
        PlainResponse plain = PlainResponse.scan(line);
        return plain.withId(clientId.isIntegralNumber() ? clientId.asText() : JsonRpc.line(clientId));
    }

    /** parse + of + set id + line (ChildRouter.onResponse). */
    @Benchmark
    public String reparse() {
        JsonRpcMessage.Response response = (JsonRpcMessage.Response) JsonRpcMessage.of(JsonRpc.parse(line));
        ObjectNode node = response.node();
        node.set("id", clientId);
        return JsonRpc.line(node);
    }
}
