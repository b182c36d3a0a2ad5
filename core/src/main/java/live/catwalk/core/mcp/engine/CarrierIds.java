package live.catwalk.core.mcp.engine;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import live.catwalk.core.mcp.domain.SessionId;

/**
 * The ids of carrier sessions (one per stateless request): a prefix random per process, so that no client can guess
 * one nor meet a 2025 session's id (those have no '~'), and a count. A carrier is made per request, where a secure
 * random id each time would take a shared generator's lock. Thread-safe.
 */
final class CarrierIds {

    private static final String PREFIX = prefix();
    private static final AtomicLong COUNT = new AtomicLong();

    private CarrierIds() {
    }

    static SessionId next() {
        return new SessionId(PREFIX + COUNT.incrementAndGet());
    }

    private static String prefix() {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return "~carrier-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "-";
    }
}
