package live.catwalk.core.mcp.fakes;

import java.util.concurrent.atomic.AtomicLong;
import live.catwalk.core.mcp.domain.SessionId;
import live.catwalk.core.mcp.port.out.SessionIdSource;

/** Predictable session ids for tests: {@code test-session-0001}, {@code test-session-0002}, … */
public final class CountingSessionIds implements SessionIdSource {

    private final AtomicLong next = new AtomicLong();

    @Override
    public SessionId next() {
        return new SessionId(String.format("test-session-%04d", next.incrementAndGet()));
    }
}
