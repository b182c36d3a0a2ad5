package live.catwalk.runner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import live.catwalk.core.deployment.port.out.Programs;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.mcp.domain.StdioEvent;
import live.catwalk.core.mcp.port.out.StdioChannel;
import live.catwalk.core.mcp.port.out.StdioServers;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.TelemetryEvent;
import live.catwalk.core.shared.port.out.Telemetry;

/**
 * Runs stdio MCP servers as supervised child processes: started without a shell in an allow-listed
 * environment, restarted with exponential backoff when they end, given up on after a crash loop, and
 * stopped with their whole process tree; each restart and each give-up is reported to {@link Telemetry}. The
 * adapter's one public entry point. Thread-safe.
 *
 * <p>A channel holds its event thread until it is closed, also after {@code GaveUp}. Closing a channel
 * from inside its own event consumer works; its final {@code Exited} is then delivered right after the
 * consumer returns instead of before {@code close()} returns.
 */
public final class ProcessSupervisor implements StdioServers, AutoCloseable {

    /** The default cap on live server processes. */
    public static final int DEFAULT_MAX_PROCESSES = 64;

    private final Settings settings;
    private final Launcher launcher;
    private final Telemetry telemetry;
    private final Set<StdioChannel> open = ConcurrentHashMap.newKeySet();
    private boolean shutDown; // guarded by this

    private ProcessSupervisor(Settings settings, Launcher launcher, Telemetry telemetry) {
        this.settings = settings;
        this.launcher = launcher;
        this.telemetry = telemetry;
    }

    /** A builder with safe defaults; the composition root passes the base environment. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@inheritDoc} After {@link #closeAll()} every start throws {@code UPSTREAM_UNAVAILABLE}. An
     * environment variable name the OS cannot take (empty, with {@code '='} or NUL) throws
     * {@link IllegalArgumentException}. Beyond the cap on live processes it throws {@code LIMIT_EXCEEDED}.
     */
    @Override
    public StdioChannel start(ServerCommand command, Consumer<StdioEvent> events) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(events, "events");
        refuseAfterShutdown();
        StdioChannel channel = SupervisedChannel.open(command, counted(events), settings, launcher, open::remove);
        boolean accepted;
        synchronized (this) {
            accepted = !shutDown;
            if (accepted) {
                open.add(channel);
            }
        }
        if (!accepted) { // closeAll() ran while this one was starting
            channel.close();
            refuseAfterShutdown();
        }
        return channel;
    }

    /** {@code events}, with restarts (a start after the first) and give-ups reported on the way. */
    private Consumer<StdioEvent> counted(Consumer<StdioEvent> events) {
        return event -> {
            switch (event) {
                case StdioEvent.Started started when started.generation() > 1 ->
                        telemetry.record(new TelemetryEvent.ServerRestarted());
                case StdioEvent.GaveUp gaveUp -> telemetry.record(new TelemetryEvent.ServerGaveUp());
                default -> { }
            }
            events.accept(event);
        };
    }

    /**
     * Closes every open channel, in parallel, and refuses new ones; returns when all process trees are
     * gone (or their stop timeouts passed). Idempotent.
     */
    public void closeAll() {
        synchronized (this) {
            shutDown = true;
        }
        List<Thread> closers = new ArrayList<>();
        for (StdioChannel channel : List.copyOf(open)) {
            closers.add(Thread.ofVirtual().name("catwalk-stdio-close").start(channel::close));
        }
        for (Thread closer : closers) {
            try {
                closer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Whether a program can be started as this supervisor starts servers: on the PATH its children get, and
     * inside the sandbox if there is one. For checking a deployment's program before it is started.
     */
    public Programs programs() {
        return launcher::available;
    }

    /** Server processes started and not ended yet, across all channels. */
    public int liveProcesses() {
        return launcher.live();
    }

    /** Same as {@link #closeAll()}, for try-with-resources and the composition root's reverse close. */
    @Override
    public void close() {
        closeAll();
    }

    private synchronized void refuseAfterShutdown() {
        if (shutDown) {
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                    "The process supervisor is shut down; no server can be started.");
        }
    }

    /**
     * Configuration with safe defaults: 4 MiB stdout lines, a stderr ring of 500 lines / 256 Ki
     * characters, backoff 500 ms doubling to 30 s (reset after 30 s of healthy running), give up after 5
     * exits within 60 s, stop with 1 s for stdin EOF then 3 s for SIGTERM, a send queue of 1024 lines /
     * 16 MiB, an empty base environment, no sandbox and at most 64 live processes.
     */
    public static final class Builder {

        private Map<String, String> baseEnvironment = Map.of();
        private int maxLineBytes = Settings.DEFAULT_MAX_LINE_BYTES;
        private int stderrMaxLines = Settings.DEFAULT_STDERR_LINES;
        private int stderrMaxChars = Settings.DEFAULT_STDERR_CHARS;
        private Duration backoffInitial = Settings.DEFAULT_BACKOFF_INITIAL;
        private Duration backoffMax = Settings.DEFAULT_BACKOFF_MAX;
        private Duration healthyAfter = Settings.DEFAULT_HEALTHY_AFTER;
        private int crashLoopExits = Settings.DEFAULT_CRASH_LOOP_EXITS;
        private Duration crashLoopWindow = Settings.DEFAULT_CRASH_LOOP_WINDOW;
        private Duration stdinGrace = Settings.DEFAULT_STDIN_GRACE;
        private Duration termGrace = Settings.DEFAULT_TERM_GRACE;
        private int sendQueueLines = Settings.DEFAULT_SEND_QUEUE_LINES;
        private long sendQueueBytes = Settings.DEFAULT_SEND_QUEUE_BYTES;
        private Sandbox sandbox = Sandbox.none();
        private int maxProcesses = DEFAULT_MAX_PROCESSES;
        private Optional<ChildLedger> ledger = Optional.empty();
        private Telemetry telemetry = Telemetry.NONE;

        private Builder() {
        }

        /**
         * The supervisor's own environment (e.g. {@code System.getenv()}); only the allow-listed,
         * non-secret variables of it (PATH, HOME, locale, time zone, TMPDIR, USER, LOGNAME, TLS trust
         * files) reach a child.
         */
        public Builder baseEnvironment(Map<String, String> environment) {
            this.baseEnvironment = Objects.requireNonNull(environment, "environment");
            return this;
        }

        /** stdout lines longer than this are dropped (and logged as a warning), never buffered whole. */
        public Builder maxLineBytes(int bytes) {
            this.maxLineBytes = bytes;
            return this;
        }

        /** How much of a channel's stderr {@code recentStderr} can return: lines and total characters. */
        public Builder stderrRing(int maxLines, int maxChars) {
            this.stderrMaxLines = maxLines;
            this.stderrMaxChars = maxChars;
            return this;
        }

        /** The first restart delay, doubled on each further exit up to {@code max}. */
        public Builder backoff(Duration initial, Duration max) {
            this.backoffInitial = initial;
            this.backoffMax = max;
            return this;
        }

        /** A process that ran this long counts as healthy: the next restart uses the initial delay again. */
        public Builder healthyAfter(Duration duration) {
            this.healthyAfter = duration;
            return this;
        }

        /** {@code exits} exits within {@code window} is a crash loop: GaveUp, no more restarts. */
        public Builder crashLoop(int exits, Duration window) {
            this.crashLoopExits = exits;
            this.crashLoopWindow = window;
            return this;
        }

        /** On stop, how long the process gets after stdin closes, then after SIGTERM, before SIGKILL. */
        public Builder stopTimeouts(Duration afterStdinClosed, Duration afterSigterm) {
            this.stdinGrace = afterStdinClosed;
            this.termGrace = afterSigterm;
            return this;
        }

        /** How many lines and bytes may wait for a process's stdin before {@code send} throws LIMIT_EXCEEDED. */
        public Builder sendQueue(int maxLines, long maxBytes) {
            this.sendQueueLines = maxLines;
            this.sendQueueBytes = maxBytes;
            return this;
        }

        /** Where children run ({@link Sandbox#none()} by default: as Catwalk's own user). */
        public Builder sandbox(Sandbox sandbox) {
            this.sandbox = Objects.requireNonNull(sandbox, "sandbox");
            return this;
        }

        /** How many server processes may be alive at once, across all channels; more starts throw LIMIT_EXCEEDED. */
        public Builder maxProcesses(int max) {
            this.maxProcesses = max;
            return this;
        }

        /** Without a sandbox, children are recorded here (and started with setsid) for a later Catwalk to end. */
        public Builder childLedger(ChildLedger ledger) {
            this.ledger = Optional.of(ledger);
            return this;
        }

        /** Where restarts and give-ups are reported ({@link Telemetry#NONE} by default). */
        public Builder telemetry(Telemetry telemetry) {
            this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
            return this;
        }

        /** Throws {@link IllegalArgumentException} naming the setting when a value is out of range. */
        public ProcessSupervisor build() {
            if (maxProcesses < 1) {
                throw new IllegalArgumentException("maxProcesses must be at least 1: " + maxProcesses);
            }
            Settings settings = new Settings(baseEnvironment, maxLineBytes, stderrMaxLines, stderrMaxChars,
                    backoffInitial, backoffMax, healthyAfter, crashLoopExits, crashLoopWindow, stdinGrace, termGrace,
                    sendQueueLines, sendQueueBytes);
            return new ProcessSupervisor(settings, new Launcher(settings.baseEnvironment(), sandbox, maxProcesses,
                    ledger), telemetry);
        }
    }
}
