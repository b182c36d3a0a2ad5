package live.catwalk.runner;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One process's stdin. A line is written on the caller's thread when no other write is under way and nothing
 * waits in the {@link SendQueue}, as long as what was written since the child last printed anything stays within
 * {@link #INLINE_BUDGET} (far below a pipe's 64 KiB, so such a write does not block on a child that stopped
 * reading); otherwise it is queued for the writer thread ({@link #drain()}), whose bounded queue refuses lines
 * fast once the child stops reading. One lock orders both writers, so lines are written in the order accepted.
 */
final class StdinWriter {

    private static final System.Logger LOG = System.getLogger(StdinWriter.class.getName());
    /** Bytes written without a sign of life from the child before lines go through the queue again. */
    static final int INLINE_BUDGET = 32 * 1024;

    private final OutputStream stdin;
    private final SendQueue queue;
    private final LongAdder stdoutBytes;
    private final String label;
    private final ReentrantLock writing = new ReentrantLock();
    private long unconfirmed; // guarded by writing: bytes written since stdout last grew
    private long stdoutSeen; // guarded by writing

    /** {@code stdoutBytes}: what the child printed so far, its sign of life. */
    StdinWriter(OutputStream stdin, SendQueue queue, LongAdder stdoutBytes, String label) {
        this.stdin = stdin;
        this.queue = queue;
        this.stdoutBytes = stdoutBytes;
        this.label = label;
    }

    /** Writes {@code line} now if that cannot block (and {@code inline} allows it), else queues it. */
    SendQueue.Offer offer(byte[] line, boolean inline) {
        if (inline && line.length <= INLINE_BUDGET && writing.tryLock()) {
            try {
                if (queue.isIdle() && withinBudget(line.length)) {
                    stdin.write(line);
                    stdin.flush();
                    return SendQueue.Offer.ACCEPTED;
                }
            } catch (IOException e) {
                brokenPipe(e);
                return SendQueue.Offer.ACCEPTED; // lost like a queued line; the exit is reported
            } finally {
                writing.unlock();
            }
        }
        return queue.offer(line);
    }

    /** The writer thread: writes queued lines, flushing once per burst; closes stdin when the queue closes. */
    void drain() {
        try {
            while (queue.awaitLine()) {
                writing.lock();
                try {
                    byte[] line;
                    noteStdout();
                    while ((line = queue.poll()) != null) {
                        stdin.write(line);
                        unconfirmed += line.length;
                    }
                    stdin.flush();
                } finally {
                    writing.unlock();
                }
            }
        } catch (IOException e) {
            brokenPipe(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            queue.close();
            writing.lock();
            try {
                stdin.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, () -> label + ": closing stdin: " + e.getMessage());
            } finally {
                writing.unlock();
            }
        }
    }

    /** Holding the lock: whether {@code length} more bytes stay within the budget (counting them if so). */
    private boolean withinBudget(int length) {
        noteStdout();
        if (unconfirmed + length > INLINE_BUDGET) {
            return false;
        }
        unconfirmed += length;
        return true;
    }

    /** Holding the lock: forgets what was written before the child last printed anything. */
    private void noteStdout() {
        long printed = stdoutBytes.sum();
        if (printed != stdoutSeen) {
            stdoutSeen = printed;
            unconfirmed = 0;
        }
    }

    private void brokenPipe(IOException e) {
        LOG.log(Level.DEBUG, () -> label + ": stdin closed by the process: " + e.getMessage());
        queue.close();
    }
}
