package live.catwalk.core.mcp.engine.session;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One byte budget for what every session keeps (events for delivery and resumption, answers waiting for
 * their POST), shared by all sessions of all deployments. Over budget, the oldest kept events of any
 * session are dropped first ({@link #settle}); a stream nobody reads keeps only a small tail. What cannot
 * be dropped (answers a POST is about to return) may keep the total over budget: then new work is refused
 * ({@link #exhausted}). Thread-safe.
 */
public final class RetainedBytes {

    private final long budget;
    private final long unreadTail;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong order = new AtomicLong();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final ReentrantLock settling = new ReentrantLock();

    /** A budget of {@code budget} bytes; a stream without a reader keeps about {@code unreadTail} bytes. */
    public RetainedBytes(long budget, long unreadTail) {
        if (budget <= 0 || unreadTail <= 0) {
            throw new IllegalArgumentException("budget and unreadTail must be positive");
        }
        this.budget = budget;
        this.unreadTail = unreadTail;
    }

    public long budget() {
        return budget;
    }

    /** Bytes kept now over all sessions. */
    public long used() {
        return used.get();
    }

    /** Whether, after dropping what can be dropped, the total is still over budget. */
    public boolean exhausted() {
        settle();
        return used.get() > budget;
    }

    /**
     * Drops the oldest kept events of any session until the total is within budget (or nothing more can
     * be dropped). Must be called without holding any session's lock; one caller settles at a time.
     */
    public void settle() {
        if (used.get() <= budget || !settling.tryLock()) {
            return;
        }
        try {
            while (used.get() > budget) {
                Session oldest = null;
                long oldestOrder = Long.MAX_VALUE;
                for (Session s : sessions) {
                    long o = s.oldestRetained();
                    if (o < oldestOrder) {
                        oldestOrder = o;
                        oldest = s;
                    }
                }
                if (oldest == null) {
                    return;
                }
                oldest.dropOldestRetained();
            }
        } finally {
            settling.unlock();
        }
    }

    long unreadTail() {
        return unreadTail;
    }

    long nextOrder() {
        return order.incrementAndGet();
    }

    void add(long bytes) {
        used.addAndGet(bytes);
    }

    void track(Session session) {
        sessions.add(session);
    }

    void untrack(Session session) {
        sessions.remove(session);
    }
}
