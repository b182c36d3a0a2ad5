package live.catwalk.runner;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A file per Catwalk process ({@code children-<pid>-<start time>} in a run directory) listing the unsandboxed
 * children that run (pid and start time, from {@code /proc/<pid>/stat}), so that a Catwalk started after a
 * crash can end what the crashed one left behind: each process recorded by a Catwalk that no longer runs, and
 * that is still the same process (same start time), is killed with its process group. Linux only. Thread-safe.
 */
public final class ChildLedger {

    private static final System.Logger LOG = System.getLogger(ChildLedger.class.getName());

    private final Path file;
    private final Map<Long, String> running = new ConcurrentHashMap<>();

    private ChildLedger(Path file) {
        this.file = file;
    }

    /**
     * Ends the processes that Catwalks no longer running recorded in {@code runDirectory} (and their process
     * groups) and removes their files, then returns a ledger for this Catwalk there. Never throws: a problem is
     * logged, and the ledger then records nothing.
     */
    public static ChildLedger reapAndOpen(Path runDirectory) {
        long self = ProcessHandle.current().pid();
        ChildLedger ledger = new ChildLedger(runDirectory.resolve("children-" + self + "-"
                + startTime(self).orElse("0")));
        try {
            Files.createDirectories(runDirectory);
            List<Path> files;
            try (var list = Files.list(runDirectory)) {
                files = list.filter(f -> f.getFileName().toString().matches("children-\\d+-\\d+")).toList();
            }
            for (Path file : files) {
                String[] owner = file.getFileName().toString().split("-");
                if (!startTime(Long.parseLong(owner[1])).filter(owner[2]::equals).isPresent()) {
                    reap(file);
                    Files.deleteIfExists(file);
                }
            }
            ledger.write();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "cannot use the child ledger in " + runDirectory + ": " + e.getMessage());
        }
        return ledger;
    }

    private static void reap(Path file) throws IOException {
        int ended = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.strip().split(" ");
            if (parts.length == 2 && parts[0].matches("\\d{1,10}") && parts[1].matches("\\d{1,20}")) {
                long pid = Long.parseLong(parts[0]);
                if (startTime(pid).filter(parts[1]::equals).isPresent()) {
                    killGroup(pid);
                    ended++;
                }
            }
        }
        if (ended > 0) {
            LOG.log(Level.WARNING, "ended " + ended + " server process(es) left running by a Catwalk that crashed");
        }
    }

    /** Notes a started child; forgets it when it ends. */
    void record(Process process) {
        long pid = process.pid();
        startTime(pid).ifPresent(start -> {
            running.put(pid, start);
            writeQuietly();
            process.onExit().thenRun(() -> {
                running.remove(pid);
                writeQuietly();
            });
        });
    }

    /** Field 22 of {@code /proc/<pid>/stat}: the start time in clock ticks since boot. */
    static Optional<String> startTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return fields.length > 19 ? Optional.of(fields[19]) : Optional.empty(); // field 3 is fields[0]
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void killGroup(long pid) {
        try {
            // The child was started with setsid, so it leads its own process group.
            Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pid, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            kill.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeQuietly() {
        try {
            write();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot write the child ledger " + file + ": " + e.getMessage());
        }
    }

    private synchronized void write() throws IOException {
        List<String> lines = running.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).sorted().toList();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, lines.stream().map(l -> l + "\n").collect(Collectors.joining()), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
