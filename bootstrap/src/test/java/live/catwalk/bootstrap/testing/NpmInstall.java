package live.catwalk.bootstrap.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes an install folder match a committed {@code package.json} + {@code package-lock.json}: copies them in and
 * runs {@code npm ci} when the pair's hash differs from the last successful install's, under a file lock so that
 * concurrent JVMs (Surefire, Failsafe, another build of the same checkout) wait for one another.
 */
final class NpmInstall {

    static final String STAMP = ".installed-sha256";
    static final String LOCK = ".install.lock";
    private static final List<String> MANIFESTS = List.of("package.json", "package-lock.json");
    private static final int TAIL_LINES = 30;

    private final Path source;
    private final Path target;
    private final List<String> npm;
    private final PrintStream log;
    private final Duration timeout;

    NpmInstall(Path source, Path target, List<String> npm, PrintStream log, Duration timeout) {
        this.source = source;
        this.target = target;
        this.npm = List.copyOf(npm);
        this.log = log;
        this.timeout = timeout;
    }

    /**
     * Installs unless the last install used the same manifests and every path in {@code mustExist} is there.
     *
     * @return whether npm ran
     * @throws ToolsUnavailableException naming what is missing and how to get it
     */
    boolean run(List<Path> mustExist) {
        String hash = hash();
        try {
            Files.createDirectories(target);
            try (FileChannel channel = FileChannel.open(target.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = acquire(channel);
                try {
                    if (isCurrent(hash, mustExist)) {
                        return false;
                    }
                    install(hash, mustExist);
                    return true;
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new ToolsUnavailableException("Cannot prepare " + target + ": " + e, e);
        }
    }

    private FileLock acquire(FileChannel channel) throws IOException {
        FileLock lock = channel.tryLock();
        if (lock == null) {
            log.println("[test-tools] another JVM is installing into " + target + "; waiting for it");
            lock = channel.lock();
        }
        return lock;
    }

    private boolean isCurrent(String hash, List<Path> mustExist) throws IOException {
        Path stamp = target.resolve(STAMP);
        return Files.isRegularFile(stamp)
                && Files.readString(stamp, StandardCharsets.UTF_8).strip().equals(hash)
                && mustExist.stream().allMatch(Files::exists);
    }

    private void install(String hash, List<Path> mustExist) throws IOException {
        Files.deleteIfExists(target.resolve(STAMP));
        for (String name : MANIFESTS) {
            Files.copy(source.resolve(name), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        log.println("[test-tools] installing the Node test tools pinned in " + source.resolve("package-lock.json")
                + " into " + target + " (npm ci; the first time takes about 15 s and 270 MB)");
        long started = System.nanoTime();
        runNpm();
        List<Path> missing = mustExist.stream().filter(path -> !Files.exists(path)).toList();
        if (!missing.isEmpty()) {
            throw new ToolsUnavailableException("npm ci succeeded in " + target + " but did not produce " + missing
                    + ". Does " + source.resolve("package.json") + " still list every tool TestTools expects?");
        }
        Files.writeString(target.resolve(STAMP), hash + "\n", StandardCharsets.UTF_8);
        log.printf("[test-tools] installed in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private void runNpm() throws IOException {
        List<String> command = new ArrayList<>(npm);
        command.addAll(List.of("ci", "--no-audit", "--no-fund"));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(target.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new ToolsUnavailableException("Cannot run '" + String.join(" ", npm) + "' (" + e.getMessage() + "). "
                    + "The tests that use Node tools need npm on PATH: install Node.js 20 or newer with npm "
                    + "(https://nodejs.org, or e.g. 'apt install nodejs npm'), then re-run the build; it installs "
                    + "everything else (Node 22, the conformance suite, ...) into " + target + " by itself.", e);
        }
        process.getOutputStream().close();
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = Thread.ofVirtual().start(() -> echo(process, tail));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new ToolsUnavailableException("npm ci in " + target + " did not finish within " + timeout
                        + ". Is the npm registry reachable? Last output:\n" + snapshot(tail));
            }
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new ToolsUnavailableException("Interrupted while npm ci ran in " + target, e);
        }
        if (process.exitValue() != 0) {
            throw new ToolsUnavailableException("npm ci failed with exit code " + process.exitValue() + " in " + target
                    + " (is the npm registry reachable?). Last output:\n" + snapshot(tail));
        }
    }

    private void echo(Process process, Deque<String> tail) {
        try (BufferedReader lines = process.inputReader(StandardCharsets.UTF_8)) {
            for (String line; (line = lines.readLine()) != null; ) {
                log.println("[test-tools] npm: " + line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            log.println("[test-tools] lost npm's output: " + e);
        }
    }

    private static String snapshot(Deque<String> tail) {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    private String hash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : MANIFESTS) {
                Path file = source.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw new ToolsUnavailableException(file + " is missing. Is catwalk.root the repository root?");
                }
                digest.update(Files.readAllBytes(file));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new ToolsUnavailableException("Cannot read " + source + ": " + e, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
