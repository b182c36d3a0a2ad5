package live.catwalk.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ends a process tree: SIGTERM to every member, a wait, SIGKILL to the survivors and to whatever they
 * spawned meanwhile. Members are collected before anything is signalled, since a child whose parent
 * dies is re-parented and no longer a descendant. A zombie (dead, waiting for a reaper that may be
 * slow, like the init of a container) counts as gone.
 */
final class ProcessTree {

    private static final long POLL_MILLIS = 10;

    private ProcessTree() {
    }

    /** The root (if alive) and all its living descendants, each parent before its children. */
    static Set<ProcessHandle> snapshot(ProcessHandle root) {
        Set<ProcessHandle> members = new LinkedHashSet<>();
        if (root.isAlive()) {
            members.add(root);
            root.descendants().forEach(members::add);
        }
        return members;
    }

    /** Terminates {@code members}; returns those still running after both waits (normally none). */
    static List<ProcessHandle> terminate(Collection<ProcessHandle> members, Duration termGrace, Duration killWait)
            throws InterruptedException {
        List<ProcessHandle> alive = running(members);
        // Children before parents: a parent that outlives its children for a moment can still reap them.
        alive.reversed().forEach(ProcessHandle::destroy);
        List<ProcessHandle> survivors = awaitGone(alive, termGrace);
        if (survivors.isEmpty()) {
            return survivors;
        }
        Set<ProcessHandle> toKill = new LinkedHashSet<>(survivors);
        survivors.forEach(p -> p.descendants().forEach(toKill::add));
        List<ProcessHandle> killing = running(toKill);
        killing.reversed().forEach(ProcessHandle::destroyForcibly);
        return awaitGone(killing, killWait);
    }

    /** Waits until every process has ended or {@code timeout} passed; returns those still running. */
    static List<ProcessHandle> awaitGone(Collection<ProcessHandle> processes, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> alive = running(processes);
        while (!alive.isEmpty() && System.nanoTime() - deadline < 0) {
            Thread.sleep(POLL_MILLIS);
            alive = running(alive);
        }
        return alive;
    }

    static List<ProcessHandle> running(Collection<ProcessHandle> processes) {
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle p : processes) {
            if (isRunning(p)) {
                alive.add(p);
            }
        }
        return alive;
    }

    static boolean isRunning(ProcessHandle process) {
        return process.isAlive() && !isZombie(process.pid());
    }

    /** Linux only; elsewhere there is no /proc and a zombie counts as running until reaped. */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            char state = afterName >= 0 && afterName + 2 < stat.length() ? stat.charAt(afterName + 2) : '?';
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
