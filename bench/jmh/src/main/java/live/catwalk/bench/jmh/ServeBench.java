package live.catwalk.bench.jmh;

import java.util.concurrent.TimeUnit;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One whole {@code ServeMcp.serve} of a tools/call, as the HTTP adapter calls it, through core's real engine (edge
 * checks, parse, era, session lookup, bridge, id and progress-token rewrite, the answer's id splice, the session's
 * stream and the JSON answer), in shared session mode with {@code sessions} open sessions, against
 * {@link EchoServers} answering on the caller's thread: the engine's CPU per call with no thread hand-off. The 2025
 * call goes to the next session each time; the 2026-07-28 call has no session (the engine makes a carrier session
 * for it). Not measured: HTTP (Grizzly), access (the token check), pipes and a real child process.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ServeBench {

    @Param({"10", "10000"})
    public int sessions;

    private ServeCalls calls;

    @Setup(Level.Trial)
    public void setUp() {
        calls = new ServeCalls(EchoServers.Answer.INLINE, sessions);
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
