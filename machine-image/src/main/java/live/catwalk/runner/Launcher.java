package live.catwalk.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import live.catwalk.core.deployment.domain.MissingProgram;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.CatwalkException;

/**
 * Starts a command's program directly (no shell) with the child environment and three pipes, in the
 * sandbox, within the cap on live processes. Thread-safe.
 */
final class Launcher {

    /**
     * Every process is started from this one thread, which lives as long as the JVM: bubblewrap's
     * {@code --die-with-parent} fires when the starting thread ends, not only when Catwalk does.
     */
    private static final ExecutorService STARTER = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("catwalk-process-starter").factory());

    private static final Optional<Path> SETSID = SandboxProbe.find("setsid", "/usr/bin:/bin");

    private final Map<String, String> baseEnvironment;
    private final Sandbox sandbox;
    private final int maxProcesses;
    private final Optional<ChildLedger> ledger;
    private final AtomicInteger live = new AtomicInteger();

    Launcher(Map<String, String> baseEnvironment, Sandbox sandbox, int maxProcesses) {
        this(baseEnvironment, sandbox, maxProcesses, Optional.empty());
    }

    /** Unsandboxed children are recorded in {@code ledger} and started in a session of their own. */
    Launcher(Map<String, String> baseEnvironment, Sandbox sandbox, int maxProcesses, Optional<ChildLedger> ledger) {
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.sandbox = sandbox;
        this.maxProcesses = maxProcesses;
        this.ledger = sandbox.isOn() ? Optional.empty() : ledger; // a sandbox dies with Catwalk by itself
    }

    /**
     * Throws {@link CatwalkException} of kind {@code UPSTREAM_UNAVAILABLE} naming the program when it
     * cannot be started (not found, not executable: the message says how to install it), never with an environment value in the message; of
     * kind {@code LIMIT_EXCEEDED} when the cap on live processes is reached.
     */
    Process launch(ServerCommand command) {
        if (live.incrementAndGet() > maxProcesses) {
            live.decrementAndGet();
            throw CatwalkException.of(CatwalkException.Kind.LIMIT_EXCEEDED,
                            "Catwalk already runs its maximum of " + maxProcesses + " server processes.")
                    .withHint("Stop a deployment, or raise CATWALK_MAX_PROCESSES.");
        }
        try {
            Process process = start(command);
            process.onExit().thenRun(live::decrementAndGet);
            ledger.ifPresent(l -> l.record(process));
            return process;
        } catch (RuntimeException | Error e) {
            live.decrementAndGet();
            throw e;
        }
    }

    /** Processes started by this launcher that have not ended yet. */
    int live() {
        return live.get();
    }

    private Process start(ServerCommand command) {
        ProcessBuilder builder;
        try {
            List<String> argv = new ArrayList<>(sandbox.argv(command));
            if (ledger.isPresent() && SETSID.isPresent()) {
                argv.addFirst(SETSID.get().toString()); // its own process group, which a later Catwalk can end
            }
            builder = new ProcessBuilder(argv);
        } catch (UncheckedIOException e) {
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                    "Cannot prepare the sandbox of '" + programName(command) + "'.").withCause(e);
        }
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(ChildEnvironment.of(baseEnvironment, command.env()));
        sandbox.adjust(env);
        if (!available(command.argv().getFirst(), env.get("PATH"))) {
            // Checked first: wrapped (bwrap, setsid), a missing program would only show as the wrapper's exit, and
            // unwrapped as the JDK's "Exec failed, error: 2".
            MissingProgram missing = new MissingProgram(command.argv().getFirst());
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, missing.text())
                    .withHint(missing.fix());
        }
        Future<Process> started = STARTER.submit(builder::start);
        try {
            return started.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.cancel(false);
            // Started meanwhile? Then it must not be left behind.
            if (started.isDone() && !started.isCancelled()) {
                try {
                    started.get().destroyForcibly();
                } catch (ExecutionException | InterruptedException ignored) {
                    // not started after all
                }
            }
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                    "Interrupted while starting '" + programName(command) + "'.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                // The JDK's message is "Cannot run program "x": error=2, No such file or directory".
                String reason = io.getCause() != null ? io.getCause().getMessage() : io.getMessage();
                throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                                "Cannot start program '" + builder.command().getFirst() + "': " + reason)
                        .withHint("Check that the program is installed, on PATH and executable.")
                        .withCause(io);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Whether {@code program} can be started as a child would start it: a path, or a name looked up on the PATH
     * children get, that is an executable file (and, with the sandbox on, one the sandbox shows).
     */
    boolean available(String program) {
        return available(program, sandbox.adjust(new HashMap<>(ChildEnvironment.of(baseEnvironment, Map.of())))
                .get("PATH"));
    }

    private boolean available(String program, String path) {
        if (program.contains("/")) {
            Path file = Path.of(program);
            return Files.isExecutable(file) && !Files.isDirectory(file) && sandbox.shows(file);
        }
        String visible = Arrays.stream((path == null ? "/usr/bin:/bin" : path).split(":"))
                .filter(dir -> !dir.isEmpty() && sandbox.shows(Path.of(dir)))
                .collect(Collectors.joining(":"));
        return SandboxProbe.find(program, visible).filter(sandbox::shows).isPresent();
    }

    /** The program's file name, for log prefixes and thread names. */
    static String programName(ServerCommand command) {
        String program = command.argv().getFirst();
        String name = program.substring(program.lastIndexOf('/') + 1);
        return name.isEmpty() ? program : name.length() > 40 ? name.substring(0, 40) : name;
    }
}
