package live.catwalk.core.mcp.engine;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.mcp.engine.bridge.BridgeSessions;
import live.catwalk.core.mcp.engine.session.Session;

/** The directory of an isolated bridge: its one session, once created. */
final class OneSession implements BridgeSessions {

    volatile Session session;

    @Override
    public Collection<Session> all() {
        Session s = session;
        return s == null ? List.of() : List.of(s);
    }

    @Override
    public Optional<Session> mostRecent() {
        return Optional.ofNullable(session);
    }
}
