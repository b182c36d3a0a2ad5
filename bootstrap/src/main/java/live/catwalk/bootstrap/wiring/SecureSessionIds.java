package live.catwalk.bootstrap.wiring;

import java.security.SecureRandom;
import java.util.Base64;
import live.catwalk.core.mcp.domain.SessionId;
import live.catwalk.core.mcp.port.out.SessionIdSource;

/** Session ids of 192 random bits from the JDK's CSPRNG, as 32 URL-safe (visible ASCII) characters. */
final class SecureSessionIds implements SessionIdSource {

    private final SecureRandom random = new SecureRandom();

    @Override
    public SessionId next() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return new SessionId(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
