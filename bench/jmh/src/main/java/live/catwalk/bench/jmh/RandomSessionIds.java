package live.catwalk.bench.jmh;

import java.security.SecureRandom;
import java.util.Base64;
import live.catwalk.core.mcp.domain.SessionId;
import live.catwalk.core.mcp.port.out.SessionIdSource;

/**
 * Session ids made as the gateway makes them (bootstrap's SecureSessionIds: 24 bytes from the JDK's CSPRNG as 32
 * URL-safe characters): the lookup hashes the same kind of key, and a 2026-07-28 call, which mints one for its
 * carrier session, pays what it pays in production.
 */
public final class RandomSessionIds implements SessionIdSource {

    private final SecureRandom random = new SecureRandom();

    @Override
    public SessionId next() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return new SessionId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
