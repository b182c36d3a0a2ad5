package live.catwalk.bench.jmh;

import java.util.concurrent.TimeUnit;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * As {@link ServeBench} (10 sessions), but the server's answers are routed by a reader thread, as the real
 * supervisor's stdout reader does: the caller's thread parks and is woken, so the time includes the two wake-ups a
 * real call has (still no HTTP, pipes or process).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ServeReaderBench {

    private ServeCalls calls;

    @Setup(Level.Trial)
    public void setUp() {
        calls = new ServeCalls(EchoServers.Answer.READER, 10);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        calls.close();
    }

    @Benchmark
    public McpHttpResponse toolsCall2025() {
        return calls.call2025();
    }

    @Benchmark
    public McpHttpResponse toolsCall2026() {
        return calls.call2026();
    }
}
