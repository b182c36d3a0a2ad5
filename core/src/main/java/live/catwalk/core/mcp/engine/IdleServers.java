package live.catwalk.core.mcp.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.mcp.engine.bridge.Bridge;

/**
 * In isolated mode, the servers of stateless (2026-07-28) requests between two requests: each initialized, kept for
 * the one principal it served (a server never serves two), lent to one request at a time, and ended when idle too
 * long or when the deployment's process cap needs its slot. Thread-safe.
 */
final class IdleServers {

    /** A server for stateless requests: its bridge, its directory, whose it is, and since when it idles. */
    record Server(Bridge bridge, OneSession directory, String principal, Instant idleSince) {

        Server {
            Objects.requireNonNull(bridge, "bridge");
            Objects.requireNonNull(directory, "directory");
            Objects.requireNonNull(principal, "principal");
        }

        Server idleFrom(Instant now) {
            return new Server(bridge, directory, principal, now);
        }
    }

    private final LinkedList<Server> idle = new LinkedList<>(); // guarded by this, oldest first

    /** The idle server of {@code principal} that idled least, if any, taken out of the idle ones. */
    synchronized Optional<Server> take(String principal) {
        for (Iterator<Server> it = idle.descendingIterator(); it.hasNext(); ) {
            Server s = it.next();
            if (s.principal().equals(principal)) {
                it.remove();
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** Whether a server of {@code principal} idles. */
    synchronized boolean has(String principal) {
        return idle.stream().anyMatch(s -> s.principal().equals(principal));
    }

    synchronized void put(Server server) {
        idle.addLast(server);
    }

    /** The server that idled longest, taken out, if any. */
    synchronized Optional<Server> evictOldest() {
        return Optional.ofNullable(idle.pollFirst());
    }

    /** The servers idle since {@code before} or earlier, taken out. */
    synchronized List<Server> idleSince(Instant before) {
        List<Server> out = new ArrayList<>();
        idle.removeIf(s -> !s.idleSince().isAfter(before) && out.add(s));
        return out;
    }

    /** Every idle server, taken out. */
    synchronized List<Server> drain() {
        List<Server> out = new ArrayList<>(idle);
        idle.clear();
        return out;
    }

    synchronized int size() {
        return idle.size();
    }
}
