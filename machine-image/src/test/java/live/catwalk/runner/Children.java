package live.catwalk.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import live.catwalk.core.shared.domain.ServerCommand;

/** Commands for test children (bash and coreutils only) and checks on their processes. */
final class Children {

    /** Echoes every stdin line back on stdout until stdin ends. */
    static final String ECHO = "while IFS= read -r line; do printf '%s\\n' \"$line\"; done";

    private Children() {
    }

    static ServerCommand bash(String script) {
        return bash(script, Map.of());
    }

    static ServerCommand bash(String script, Map<String, String> env) {
        return new ServerCommand(List.of("bash", "-c", script), env);
    }

    /** A supervisor that passes PATH on, with short test-friendly stop timeouts. */
    static ProcessSupervisor.Builder supervisor() {
        return ProcessSupervisor.builder()
                .baseEnvironment(Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin")))
                .stopTimeouts(Duration.ofMillis(300), Duration.ofSeconds(1));
    }

    /** Kills what a failed test may have left running. */
    static void killIfRunning(Iterable<Long> pids) {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /**
     * Whether {@code pid} is a process that still runs. A zombie (dead, not yet reaped by an init that
     * reaps slowly) does not run.
     */
    static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() && !isZombie(pid);
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
