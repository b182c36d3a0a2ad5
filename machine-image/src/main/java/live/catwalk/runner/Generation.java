package live.catwalk.runner;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * One process of a channel and its three pipe threads: stdout to events, stderr to the ring and log, a
 * send queue to stdin. Remembers the descendants it has seen, so that what a crashed process leaves
 * behind can be ended too.
 */
final class Generation {

    private static final System.Logger LOG = System.getLogger(Generation.class.getName());
    /** Descendants are noted often at first (when servers spawn their runtime), then every second. */
    private static final long FIRST_TRACK_MILLIS = 50;
    private static final long TRACK_MILLIS = 1_000;

    final int number;
    /** How many lines the channel's stderr ring had when this generation started: its own come after. */
    final long stderrMark;
    final String label;
    private final Process process;
    private final long startedNanos = System.nanoTime();
    private final SendQueue sendQueue;
    private final StdinWriter stdin;
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stdoutDone = new CountDownLatch(1);
    private volatile boolean exited;
    private final CountDownLatch stderrDone = new CountDownLatch(1);
    private final LongAdder stdoutBytes = new LongAdder();
    private volatile List<Thread> threads = List.of();

    /** Wraps a started process; its pipe threads start with {@link #startIo}. */
    Generation(int number, String label, Process process, SendQueue sendQueue, long stderrMark) {
        this.number = number;
        this.stderrMark = stderrMark;
        this.label = label;
        this.process = process;
        this.sendQueue = sendQueue;
        this.stdin = new StdinWriter(process.getOutputStream(), sendQueue, stdoutBytes, label);
    }

    void startIo(String threadPrefix, LineReader.Sink stdout, int maxLineBytes, LineReader.Sink stderr) {
        threads = List.of(
                PipeThreads.reader(threadPrefix + "-out", label, PipeThreads.counting(process.getInputStream(),
                        stdoutBytes), new LineReader(maxLineBytes, false), stdout, stdoutDone),
                PipeThreads.reader(threadPrefix + "-err", label, process.getErrorStream(),
                        new LineReader(StderrLines.MAX_LINE_BYTES, true), stderr, stderrDone),
                PipeThreads.writer(threadPrefix + "-in", stdin));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Sends {@code line}; {@code inline}: it may be written on this thread (see {@link StdinWriter}). */
    SendQueue.Offer offer(byte[] line, boolean inline) {
        return process.isAlive() ? stdin.offer(line, inline) : SendQueue.Offer.CLOSED;
    }

    /**
     * Waits for the process to end, noting its descendants meanwhile. Process.waitFor is woken by the
     * JDK's reaper thread directly; onExit() would complete on the common pool.
     */
    void awaitExit() throws InterruptedException {
        long every = FIRST_TRACK_MILLIS;
        track();
        while (!process.waitFor(every, TimeUnit.MILLISECONDS)) {
            track();
            every = Math.min(TRACK_MILLIS, every * 2);
        }
        exited = true;
    }

    /** Whether {@link #awaitExit} saw the process end (its stdout is being drained then). */
    boolean exited() {
        return exited;
    }

    /**
     * After the exit, waits until stdout reached its end, so the process's last lines come before its
     * exit (and then stderr, for at most the rest of {@code max}): as long as the reader makes progress, but no longer than {@code idle} without any (a
     * descendant may hold the pipe open) and {@code max} in all.
     */
    void awaitStdoutDrained(Duration idle, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() - deadline < 0) {
            long before = stdoutBytes.sum();
            if (stdoutDone.await(idle.toMillis(), TimeUnit.MILLISECONDS) || stdoutBytes.sum() == before) {
                break;
            }
        }
        // stderr too, within what is left of max: a crash's last stderr lines explain it
        stderrDone.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /** The exit code, waiting up to {@code patience} for the JDK to reap a process that just ended. */
    OptionalInt exitCode(Duration patience) throws InterruptedException {
        return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)
                ? OptionalInt.of(process.exitValue())
                : OptionalInt.empty();
    }

    Duration ranFor() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /**
     * Ends the process and every descendant seen: stdin is closed first and the process gets
     * {@code stdinGrace} to leave on its own, then the tree is terminated. Safe to call again.
     */
    void stop(Duration stdinGrace, Duration termGrace) throws InterruptedException {
        Set<ProcessHandle> tree = new LinkedHashSet<>(ProcessTree.snapshot(process.toHandle()));
        tree.addAll(seen);
        sendQueue.close();
        if (!process.waitFor(stdinGrace.toMillis(), TimeUnit.MILLISECONDS)) {
            tree.addAll(ProcessTree.snapshot(process.toHandle())); // what it spawned meanwhile
        }
        List<ProcessHandle> left = ProcessTree.terminate(tree, termGrace, Settings.KILL_WAIT);
        if (!left.isEmpty()) {
            LOG.log(Level.WARNING, () -> label + ": processes still running after SIGKILL: "
                    + left.stream().map(ProcessHandle::pid).toList());
        }
    }

    /** Waits up to {@code timeout} for the pipe threads to end (they do once the tree is gone). */
    void joinIo(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : threads) {
            if (thread == Thread.currentThread()) {
                continue; // a consumer closing the channel from a line delivered on the reader thread
            }
            long left = Math.max(1, deadline - System.nanoTime());
            if (!thread.join(Duration.ofNanos(left))) {
                LOG.log(Level.DEBUG, () -> label + ": " + thread.getName() + " still waiting on its pipe");
            }
        }
    }

    private void track() {
        seen.removeIf(p -> !p.isAlive());
        process.descendants().forEach(seen::add);
    }
}
