package live.catwalk.runner;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import live.catwalk.core.shared.domain.ServerCommand;

/** Finds bubblewrap and checks, by running {@code true} in a sandbox once, that it works here. */
public final class SandboxProbe {

    private static final long TIMEOUT_SECONDS = 15;

    private SandboxProbe() {
    }

    /** A working sandbox, or none and why (e.g. "bwrap not found on PATH"). */
    public record Result(Optional<Sandbox> sandbox, String problem) {
    }

    /**
     * Probes bubblewrap for workspaces under {@code root}, hiding {@code hidden} (Catwalk's home and working
     * directory); {@code path} is the PATH to search for {@code bwrap}. Blocks up to 30 s.
     */
    public static Result probe(Path root, List<Path> hidden, String path) {
        Optional<Path> bwrap = find("bwrap", path);
        if (bwrap.isEmpty()) {
            return new Result(Optional.empty(), "bwrap (bubblewrap) not found on PATH");
        }
        boolean root0 = isRoot();
        if (root0 && find("setpriv", "/usr/bin:/bin").isEmpty()) {
            return new Result(Optional.empty(), "Catwalk runs as root and setpriv (util-linux) is missing");
        }
        try {
            String version = run(List.of(bwrap.get().toString(), "--version")).trim();
            Sandbox sandbox = Sandbox.bwrap(bwrap.get(), root, root0 ? OptionalInt.of(Sandbox.NOBODY)
                    : OptionalInt.empty(), hidden, version.isEmpty() ? "bubblewrap" : version);
            List<String> argv = sandbox.argv(new ServerCommand(List.of("true"), Map.of())
                    .in(new ServerCommand.Workspace("probe", "probe")));
            String failure = run(argv);
            return failure.isEmpty() ? new Result(Optional.of(sandbox), "")
                    : new Result(Optional.empty(), "bwrap does not work here: " + failure.trim());
        } catch (IOException | UncheckedIOException e) {
            return new Result(Optional.empty(), "bwrap does not work here: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Optional.empty(), "interrupted while probing bwrap");
        }
    }

    /** Whether this process runs as uid 0. */
    static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | RuntimeException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    static Optional<Path> find(String program, String path) {
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** stdout of a {@code --version} run; for others empty on exit 0, else its exit code and output. */
    private static String run(List<String> argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "timed out after " + TIMEOUT_SECONDS + " s";
        }
        String output = new String(process.getInputStream().readNBytes(2048), StandardCharsets.UTF_8);
        if (argv.contains("--version")) {
            return process.exitValue() == 0 ? output : "";
        }
        return process.exitValue() == 0 ? "" : "exit " + process.exitValue() + " " + output;
    }
}
