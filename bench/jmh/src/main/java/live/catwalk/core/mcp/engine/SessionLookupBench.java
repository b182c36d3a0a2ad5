package live.catwalk.core.mcp.engine;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import live.catwalk.bench.jmh.BenchGateway;
import live.catwalk.bench.jmh.EchoServers;
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
 * Finding a session by its {@code Mcp-Session-Id}: the real {@code Endpoint.find} (id check, {@code SessionId},
 * the endpoint's {@code ConcurrentHashMap<SessionId, Attached>}, the session's ended flag under its lock, the
 * principal) over {@code sessions} sessions opened through {@code initialize}. Endpoint is package-private, so this
 * class sits in core's package (on the class path, not in core's jar); core is unchanged. The ids are looked up in
 * turn, so at 10,000 the lookups walk the whole map, as many active clients would.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionLookupBench {

    @Param({"10", "10000"})
    public int sessions;

    private BenchGateway gateway;
    private Endpoint endpoint;
    private String[] ids;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        gateway = new BenchGateway(EchoServers.Answer.INLINE, sessions);
        endpoint = (Endpoint) gateway.endpoints.find(BenchGateway.DEPLOYMENT).orElseThrow();
        ids = gateway.sessionIds.clone();
        for (String id : ids) {
            if (endpoint.find(id, BenchGateway.PRINCIPAL).isEmpty()) {
                throw new IllegalStateException("session " + id + " not found");
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        gateway.close();
    }

    /** A live session of the caller's, found. */
    @Benchmark
    public Optional<Endpoint.Attached> find() {
        String id = ids[next];
        if (++next == ids.length) {
            next = 0;
        }
        return endpoint.find(id, BenchGateway.PRINCIPAL);
    }
}
