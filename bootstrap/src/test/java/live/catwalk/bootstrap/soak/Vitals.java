package live.catwalk.bootstrap.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a running JVM process holds, read from outside it (Linux): its threads and open file descriptors from
 * {@code /proc}, its platform threads by name ({@code jcmd Thread.print}, digits in names as {@code #}) and its heap
 * in use right after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}).
 */
public record Vitals(int threads, Map<String, Integer> threadNames, int fileDescriptors,
                     Map<String, Integer> descriptorKinds, long heapUsedBytes) {

    /**
     * The JDK's "process reaper" threads: one waits for each child process, then idles in a cached pool for 60 s
     * before it ends, so their number follows the children that ended in the last minute, not a leak.
     */
    public static final String REAPER = "process reaper";

    private static final Pattern USED = Pattern.compile("\\bused (\\d+)K");
    private static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)$");
    private static final Pattern THREAD = Pattern.compile("(?m)^\"(.*)\" #");

    /** Reads them for process {@code pid}, collecting garbage first (twice, so finalised leftovers go too). */
    public static Vitals of(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        Matcher used = USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("no heap use in jcmd GC.heap_info");
        }
        Map<String, Integer> names = new TreeMap<>();
        Matcher thread = THREAD.matcher(jcmd(pid, "Thread.print"));
        while (thread.find()) {
            names.merge(thread.group(1).replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        return new Vitals(threads(pid), names, fileDescriptors(pid), descriptorKinds(pid),
                Long.parseLong(used.group(1)) * 1024);
    }

    /** The threads but the process reapers. */
    public int threadsButReapers() {
        return threads - threadNames.getOrDefault(REAPER, 0);
    }

    /** Thread names (grouped) whose count differs from {@code earlier}'s, with the change. */
    public Map<String, Integer> threadsSince(Vitals earlier) {
        Map<String, Integer> out = new TreeMap<>();
        Set<String> names = new TreeSet<>(threadNames.keySet());
        names.addAll(earlier.threadNames.keySet());
        for (String name : names) {
            int change = threadNames.getOrDefault(name, 0) - earlier.threadNames.getOrDefault(name, 0);
            if (change != 0) {
                out.put(name, change);
            }
        }
        return out;
    }

    /** The process's thread count ({@code Threads:} of {@code /proc/<pid>/status}). */
    public static int threads(long pid) throws IOException {
        Matcher m = THREADS.matcher(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        if (!m.find()) {
            throw new IllegalStateException("no Threads: line for " + pid);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Its open file descriptors by kind: {@code socket}, {@code pipe}, {@code anon_inode:…}, or the file's path. */
    public static Map<String, Integer> descriptorKinds(long pid) throws IOException {
        Map<String, Integer> kinds = new TreeMap<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    kinds.merge(target.replaceAll(":\\[[0-9]+]$", ""), 1, Integer::sum);
                } catch (IOException closedMeanwhile) {
                    // gone between the listing and the look
                }
            }
        }
        return kinds;
    }

    /** Java NIO selectors open: each holds an {@code eventpoll} descriptor (and an {@code eventfd} to wake it). */
    public int selectors() {
        return descriptorKinds.getOrDefault("anon_inode:[eventpoll]", 0);
    }

    /** The descriptors but the selectors' and {@code pooled} database connections. */
    public int descriptorsBut(int pooled) {
        return fileDescriptors - selectors() - descriptorKinds.getOrDefault("anon_inode:[eventfd]", 0) - pooled;
    }

    /** Descriptor kinds whose count differs from {@code earlier}'s, with the change. */
    public Map<String, Integer> descriptorsSince(Vitals earlier) {
        Map<String, Integer> out = new TreeMap<>();
        Set<String> kinds = new TreeSet<>(descriptorKinds.keySet());
        kinds.addAll(earlier.descriptorKinds.keySet());
        for (String kind : kinds) {
            int change = descriptorKinds.getOrDefault(kind, 0) - earlier.descriptorKinds.getOrDefault(kind, 0);
            if (change != 0) {
                out.put(kind, change);
            }
        }
        return out;
    }

    /** Its open file descriptors (the entries of {@code /proc/<pid>/fd}). */
    public static int fileDescriptors(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return (int) fds.count();
        }
    }

    @Override
    public String toString() {
        return threads + " threads (" + threadNames.getOrDefault(REAPER, 0) + " process reapers), " + fileDescriptors
                + " fds, heap " + (heapUsedBytes >> 20) + " MiB after GC";
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
                .redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }
}
