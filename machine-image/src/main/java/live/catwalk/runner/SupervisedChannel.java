package live.catwalk.runner;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.mcp.domain.StdioEvent;
import live.catwalk.core.mcp.port.out.StdioChannel;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;

/**
 * One supervised stdio server: a supervision thread waits for each process to end, reports the
 * exit at once, cleans up what it left behind and starts the next generation after the backoff, until
 * the crash-loop limit or {@link #close()}. The lock orders starting a process against closing, so a
 * close never misses a process that is being started.
 */
final class SupervisedChannel implements StdioChannel {

    private static final System.Logger LOG = System.getLogger(SupervisedChannel.class.getName());
    /**
     * An ended process's stdout is read to its end before the exit is reported, unless it makes no
     * progress for DRAIN_IDLE (a descendant holds the pipe) or takes DRAIN_MAX in all.
     */
    private static final Duration DRAIN_IDLE = Duration.ofMillis(25);
    private static final Duration DRAIN_MAX = Duration.ofMillis(250);
    private static final Duration JOIN = Duration.ofSeconds(2);
    /** A killed process is gone before the JDK has reaped it and knows its exit code. */
    private static final Duration REAP = Duration.ofMillis(500);
    private static final AtomicLong IDS = new AtomicLong();

    private final ServerCommand command;
    private final Settings settings;
    private final Launcher launcher;
    private final String program;
    private final String threadPrefix;
    private final Redactor redactor;
    private final StderrRing stderr;
    private final StderrThrottle stderrThrottle = StderrThrottle.standard(); // across generations: a crash loop shares it
    private final RestartPolicy policy;
    private final EventDispatcher events;
    private final Consumer<? super SupervisedChannel> onClosed;
    private final Object lock = new Object();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Thread supervision;
    private volatile Generation current; // written under lock; null while no process runs
    private Generation latest; // guarded by lock
    private boolean closing; // guarded by lock

    private SupervisedChannel(ServerCommand command, Settings settings, Launcher launcher, String program,
            String threadPrefix, EventDispatcher events, Consumer<? super SupervisedChannel> onClosed) {
        this.command = command;
        this.settings = settings;
        this.launcher = launcher;
        this.program = program;
        this.threadPrefix = threadPrefix;
        this.redactor = Redactor.of(command.env().values());
        this.stderr = new StderrRing(settings.stderrMaxLines(), settings.stderrMaxChars());
        this.policy = RestartPolicy.of(settings);
        this.events = events;
        this.onClosed = onClosed;
    }

    /** Starts the first process now (throwing if it cannot start), then supervises it. */
    static SupervisedChannel open(ServerCommand command, Consumer<StdioEvent> consumer, Settings settings,
            Launcher launcher, Consumer<? super SupervisedChannel> onClosed) {
        String program = Launcher.programName(command);
        Process first = launcher.launch(command); // before any thread exists
        try {
            String threadPrefix = "catwalk-stdio-" + IDS.incrementAndGet() + "-" + program;
            EventDispatcher events = EventDispatcher.start(consumer, "[" + program + "]", threadPrefix + "-events");
            var channel = new SupervisedChannel(command, settings, launcher, program, threadPrefix, events, onClosed);
            Generation generation;
            synchronized (channel.lock) {
                generation = channel.begin(1, first);
            }
            // A platform thread: Process.waitFor would pin a virtual one on Java 21.
            channel.supervision = Thread.ofPlatform().daemon().name(threadPrefix + "-supervisor")
                    .start(() -> channel.supervise(generation));
            return channel;
        } catch (RuntimeException | Error e) { // e.g. no thread could be created: leave no process behind
            first.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            first.toHandle().destroyForcibly();
            throw e;
        }
    }

    @Override
    public void send(String line) {
        Objects.requireNonNull(line, "line");
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a line sent to a stdio server must not contain a line terminator");
        }
        Generation generation = current;
        if (generation == null) {
            throw notRunning();
        }
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        byte[] framed = Arrays.copyOf(bytes, bytes.length + 1);
        framed[bytes.length] = '\n';
        // not on a delivery thread: a reply to a line must not wait on a child blocked printing the next one
        switch (generation.offer(framed, !events.isDeliveryThread())) {
            case ACCEPTED -> {
            }
            case FULL -> throw CatwalkException.of(Kind.LIMIT_EXCEEDED,
                            "The stdio server '" + program + "' is not reading its input fast enough.")
                    .withHint("Retry later; the server may be busy or stuck.");
            case CLOSED -> throw notRunning();
        }
    }

    @Override
    public boolean isRunning() {
        Generation generation = current;
        return generation != null && generation.isAlive();
    }

    @Override
    public List<String> recentStderr(int max) {
        return stderr.last(max);
    }

    @Override
    public void close() {
        Generation running;
        Generation last;
        boolean first;
        synchronized (lock) {
            first = !closing;
            closing = true;
            running = current;
            last = latest;
            current = null;
        }
        if (!first) {
            if (!events.isDeliveryThread()) {
                closed.join(); // a second close returns when the first is done
            }
            return;
        }
        try {
            supervision.interrupt();
            last.stop(settings.stdinGrace(), settings.termGrace());
            if (running != null) {
                events.lifecycle(new StdioEvent.Exited(running.number, running.exitCode(REAP), Optional.empty()));
            }
            supervision.join(JOIN);
            last.joinIo(JOIN);
            events.finish(JOIN);
            LOG.log(Level.INFO, () -> last.label + " stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed.complete(null);
            onClosed.accept(this);
        }
    }

    private void supervise(Generation first) {
        Generation generation = first;
        try {
            while (generation != null) {
                generation.awaitExit();
                generation.awaitStdoutDrained(DRAIN_IDLE, DRAIN_MAX);
                long exitedAt = System.nanoTime();
                Optional<Duration> restartIn = reportExit(generation);
                if (restartIn == null) {
                    return; // closing: close() reports the exit
                }
                generation.stop(Duration.ZERO, settings.termGrace()); // whatever it left running
                if (restartIn.isEmpty()) {
                    return;
                }
                generation = restart(generation.number + 1, exitedAt + restartIn.get().toNanos());
            }
        } catch (InterruptedException e) {
            // close() ends supervision
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "[" + program + "] supervision failed; the server is not restarted", e);
            synchronized (lock) {
                if (!closing) {
                    current = null;
                    events.lifecycle(new StdioEvent.GaveUp("supervising '" + program + "' failed; see the log"));
                }
            }
        }
    }

    /** The exit's restart delay (empty: gave up), or null when closing, which reports it instead. */
    private Optional<Duration> reportExit(Generation generation) throws InterruptedException {
        synchronized (lock) {
            if (closing) {
                return null;
            }
            current = null;
            RestartPolicy.Decision decision = policy.onExit(System.nanoTime(), generation.ranFor());
            var exited = new StdioEvent.Exited(generation.number, generation.exitCode(Duration.ZERO),
                    decision.restartIn(), stderr.lastSince(Crash.MAX_LINES, generation.stderrMark));
            events.lifecycle(exited);
            LOG.log(Level.INFO, () -> generation.label + " exited with code "
                    + (exited.exitCode().isPresent() ? exited.exitCode().getAsInt() : "?") + " after "
                    + generation.ranFor().toMillis() + " ms"
                    + decision.restartIn().map(d -> "; restarting in " + d.toMillis() + " ms").orElse(""));
            if (decision.restartIn().isEmpty()) {
                giveUp(decision.recentExits(), Optional.empty());
            }
            return decision.restartIn();
        }
    }

    /** Starts generation {@code number} at {@code dueNanos}; null when closing or given up. */
    private Generation restart(int number, long dueNanos) throws InterruptedException {
        long due = dueNanos;
        while (true) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            synchronized (lock) {
                if (closing) {
                    return null;
                }
                try {
                    return begin(number, launcher.launch(command));
                } catch (CatwalkException e) {
                    LOG.log(Level.WARNING, () -> "[" + program + "] restart failed: " + e.getMessage());
                    RestartPolicy.Decision decision = policy.onExit(System.nanoTime(), Duration.ZERO);
                    if (decision.restartIn().isEmpty()) {
                        giveUp(decision.recentExits(), Optional.of(e.getMessage()));
                        return null;
                    }
                    due = System.nanoTime() + decision.restartIn().get().toNanos();
                }
            }
        }
    }

    /** Holding the lock: makes {@code process} the running generation and reports it started. */
    private Generation begin(int number, Process process) {
        String label = "[" + program + "#" + number + "]";
        var generation = new Generation(number, label, process,
                new SendQueue(settings.sendQueueLines(), settings.sendQueueBytes()), stderr.added());
        current = generation;
        latest = generation;
        events.lifecycle(new StdioEvent.Started(number)); // before the first line can be queued
        generation.startIo(threadPrefix + "#" + number, new StdoutLines(number, label, settings.maxLineBytes(), events,
                        generation::exited),
                settings.maxLineBytes(), new StderrLines(label, redactor, stderr, stderrThrottle));
        LOG.log(Level.INFO, () -> label + " started, pid " + process.pid());
        return generation;
    }

    /** Holding the lock; {@code startFailure}: why the last restart could not start a process, if so. */
    private void giveUp(int exits, Optional<String> startFailure) {
        Duration window = policy.window();
        String reason = "'" + program + "' ended " + (exits == 1 ? "once" : exits + " times") + " within "
                + (window.toMillis() % 1000 == 0 ? window.toSeconds() + " s" : window.toMillis() + " ms")
                + "; it is not restarted again";
        events.lifecycle(new StdioEvent.GaveUp(reason, startFailure));
        LOG.log(Level.WARNING, () -> "[" + program + "] " + reason);
    }

    private CatwalkException notRunning() {
        return CatwalkException.of(Kind.UPSTREAM_UNAVAILABLE, "The stdio server '" + program + "' is not running.");
    }
}
