package live.catwalk.bootstrap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The runnable jar as a child process, with its output captured for assertions. */
public final class CatwalkProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile("serving (http://\\S+/) ");

    private final Process process;
    private final List<String> stdout = new ArrayList<>();
    private final List<String> stderr = new ArrayList<>();
    private final Thread[] readers;

    private CatwalkProcess(Process process) {
        this.process = process;
        this.readers = new Thread[] {
            Thread.ofVirtual().start(() -> drain(process.inputReader(StandardCharsets.UTF_8), stdout)),
            Thread.ofVirtual().start(() -> drain(process.errorReader(StandardCharsets.UTF_8), stderr))
        };
    }

    public static CatwalkProcess start(Map<String, String> env, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("catwalk.jar", "target/catwalk.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing; the IT runs after 'package' (mvn verify)");
        }
        // A job started in the background of a non-interactive shell (as CI may be) inherits SIGINT as
        // ignored, and the JVM then rightly leaves it ignored; start the child as a terminal would.
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM",
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 23) {
            // As ./catwalk starts it: protobuf (under Tink) warns about sun.misc.Unsafe unless this is allowed.
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("CATWALK_") || name.equals("DATABASE_URL"));
        if (!env.containsKey("CATWALK_HOME")) {
            // Never the user's own ~/.catwalk: each process gets a fresh embedded database and keyset.
            builder.environment().put("CATWALK_HOME", Files.createTempDirectory("catwalk-home").toString());
        }
        // The test servers live under the build directory, which a sandbox does not show; the sandbox's own
        // tests (SandboxedCatwalkIT) ask for it.
        builder.environment().put("CATWALK_SANDBOX", "off");
        builder.environment().putAll(env);
        return new CatwalkProcess(builder.start());
    }

    /** Waits for the "serving http://…/" log line and returns that base URI. */
    public URI awaitServing(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : stderr()) {
                Matcher m = SERVING.matcher(line);
                if (m.find()) {
                    return URI.create(m.group(1));
                }
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("catwalk exited with " + process.exitValue() + ":\n" + String.join("\n", stderr()));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("catwalk did not report serving within " + timeout + ":\n" + String.join("\n", stderr()));
    }

    /** Waits for the process to end and its output to be read; returns the exit code, or -1 on timeout. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return -1;
        }
        for (Thread reader : readers) {
            reader.join(5_000);
        }
        return process.exitValue();
    }

    public void signal(String signal) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        if (code != 0) {
            throw new IllegalStateException("kill -" + signal + " failed with " + code);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** The processes the jar started (MCP servers and their children), as of now. */
    public List<ProcessHandle> descendants() {
        return process.descendants().toList();
    }

    public String stdout() {
        synchronized (stdout) {
            return String.join("\n", stdout);
        }
    }

    public List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    public String stderrText() {
        return String.join("\n", stderr());
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static void drain(BufferedReader reader, List<String> sink) {
        try (reader) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (sink) {
                    sink.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
