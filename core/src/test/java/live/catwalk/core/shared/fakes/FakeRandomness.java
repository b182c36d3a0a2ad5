package live.catwalk.core.shared.fakes;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import live.catwalk.core.shared.port.out.Randomness;

/**
 * Predictable randomness: uuids {@code 00000000-0000-0001-0000-00000000000n} and secrets whose first 8
 * characters are the counter, zero-padded ({@code 00000001abcdefghijklmnopqrstuvwx}), counting up from 1
 * across both. Thread-safe.
 */
public final class FakeRandomness implements Randomness {

    private final AtomicLong counter = new AtomicLong();

    @Override
    public UUID uuid() {
        return new UUID(1L, counter.incrementAndGet());
    }

    @Override
    public String secret() {
        return String.format("%08dabcdefghijklmnopqrstuvwx", counter.incrementAndGet());
    }
}
