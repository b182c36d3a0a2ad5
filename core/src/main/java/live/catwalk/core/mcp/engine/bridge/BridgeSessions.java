package live.catwalk.core.mcp.engine.bridge;

import java.util.Collection;
import java.util.Optional;
import live.catwalk.core.mcp.engine.session.Session;

/** The sessions a bridge serves, for what its server sends unasked: all of them in shared mode, the one in isolated mode. */
public interface BridgeSessions {

    /** Every live session, for notifications that concern them all. */
    Collection<Session> all();

    /** The most recently active session, for a server request when none waits for an answer. */
    Optional<Session> mostRecent();
}
