package live.catwalk.runner;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * The threads that move a process's pipes: named daemon platform threads, since pipe reads and writes
 * block in the kernel. Each ends when its pipe does (end of stream, broken pipe) or its queue closes.
 */
final class PipeThreads {

    private static final System.Logger LOG = System.getLogger(PipeThreads.class.getName());

    private PipeThreads() {
    }

    /** Reads lines from {@code in} until its end, then counts {@code done} down. */
    static Thread reader(String name, String label, InputStream in, LineReader reader, LineReader.Sink sink,
            CountDownLatch done) {
        return start(name, () -> {
            try (in) {
                reader.readAll(in, sink);
            } catch (IOException e) {
                LOG.log(Level.DEBUG, () -> label + ": pipe closed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        });
    }

    /** Runs {@code stdin}'s writer thread: queued lines to the pipe, then closes it when the queue closes. */
    static Thread writer(String name, StdinWriter stdin) {
        return start(name, stdin::drain);
    }

    /** {@code in}, adding every byte read to {@code counter}. */
    static InputStream counting(InputStream in, LongAdder counter) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    counter.add(n);
                }
                return n;
            }
        };
    }

    private static Thread start(String name, Runnable task) {
        return Thread.ofPlatform().name(name).daemon().start(task);
    }
}
