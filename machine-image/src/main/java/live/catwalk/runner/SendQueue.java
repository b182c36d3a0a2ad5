package live.catwalk.runner;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Encoded lines waiting for one process's stdin writer, bounded by count and bytes so that a child that
 * stops reading makes {@link #offer(byte[])} fail fast instead of blocking callers. A line larger than
 * the byte bound is still accepted when the queue is empty, or it could never be sent. Thread-safe.
 */
final class SendQueue {

    enum Offer { ACCEPTED, FULL, CLOSED }

    private final int maxLines;
    private final long maxBytes;
    private final ArrayDeque<byte[]> lines = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private long bytes;
    private boolean closed;

    SendQueue(int maxLines, long maxBytes) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    Offer offer(byte[] line) {
        lock.lock();
        try {
            if (closed) {
                return Offer.CLOSED;
            }
            if (!lines.isEmpty() && (lines.size() >= maxLines || bytes + line.length > maxBytes)) {
                return Offer.FULL;
            }
            lines.addLast(line);
            bytes += line.length;
            notEmpty.signal();
            return Offer.ACCEPTED;
        } finally {
            lock.unlock();
        }
    }

    /** The next line, waiting for one; null once the queue is closed. */
    byte[] take() throws InterruptedException {
        lock.lock();
        try {
            while (lines.isEmpty() && !closed) {
                notEmpty.await();
            }
            return closed ? null : poll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until a line is queued; false once the queue is closed. The line stays queued. */
    boolean awaitLine() throws InterruptedException {
        lock.lock();
        try {
            while (lines.isEmpty() && !closed) {
                notEmpty.await();
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the queue is open and holds nothing, so that a line may bypass it. */
    boolean isIdle() {
        lock.lock();
        try {
            return lines.isEmpty() && !closed;
        } finally {
            lock.unlock();
        }
    }

    /** The next line if one is waiting, else null. */
    byte[] poll() {
        lock.lock();
        try {
            byte[] line = closed ? null : lines.pollFirst();
            if (line != null) {
                bytes -= line.length;
            }
            return line;
        } finally {
            lock.unlock();
        }
    }

    /** Drops what is waiting and refuses more; the writer sees null and closes stdin. */
    void close() {
        lock.lock();
        try {
            closed = true;
            lines.clear();
            bytes = 0;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
