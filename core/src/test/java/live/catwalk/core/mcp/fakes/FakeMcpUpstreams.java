package live.catwalk.core.mcp.fakes;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.port.out.McpUpstream;
import live.catwalk.core.mcp.port.out.McpUpstreams;

/**
 * Upstreams that record every exchange they are handed and answer with a canned function: the second
 * {@link McpUpstream} beside the engine, for testing the edge without a server, and a model for a forwarder.
 */
public final class FakeMcpUpstreams implements McpUpstreams {

    /** One deployment's fake upstream. */
    public static final class Upstream implements McpUpstream {

        private final List<Exchange> seen = new CopyOnWriteArrayList<>();
        private final Function<Exchange, McpHttpResponse> answer;

        Upstream(Function<Exchange, McpHttpResponse> answer) {
            this.answer = answer;
        }

        @Override
        public McpHttpResponse exchange(Exchange exchange) {
            seen.add(exchange);
            return answer.apply(exchange);
        }

        /** Every exchange handed to this upstream, in order. */
        public List<Exchange> seen() {
            return List.copyOf(seen);
        }
    }

    private final Map<String, Upstream> upstreams = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    /** Serves {@code deploymentId} with an upstream answering by {@code answer}; returns it. */
    public Upstream serve(String deploymentId, Function<McpUpstream.Exchange, McpHttpResponse> answer) {
        Upstream upstream = new Upstream(answer);
        upstreams.put(deploymentId, upstream);
        return upstream;
    }

    public void shutDown() {
        shuttingDown = true;
    }

    @Override
    public Optional<McpUpstream> find(String deploymentId) {
        return Optional.ofNullable(upstreams.get(deploymentId));
    }

    /** Never waits: a deployment not served now stays so. */
    @Override
    public Optional<McpUpstream> await(String deploymentId, Duration timeout, Duration recheck,
                                       BooleanSupplier stillWaiting) {
        return find(deploymentId);
    }

    @Override
    public boolean shuttingDown() {
        return shuttingDown;
    }
}
