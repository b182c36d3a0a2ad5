package live.catwalk.core.mcp.engine.bridge;

import java.util.concurrent.atomic.AtomicInteger;

/** A count with a cap, shared by whoever draws on it. Thread-safe. */
public final class Slots {

    private final int cap;
    private final AtomicInteger used = new AtomicInteger();

    /** A count of none, capped at {@code cap}. */
    public Slots(int cap) {
        this.cap = cap;
    }

    /** Takes one slot; false (taking none) at the cap. */
    boolean take() {
        while (true) {
            int now = used.get();
            if (now >= cap) {
                return false;
            }
            if (used.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void give() {
        used.decrementAndGet();
    }

    boolean full() {
        return used.get() >= cap;
    }

    int cap() {
        return cap;
    }

    int used() {
        return used.get();
    }
}
