package live.catwalk.bootstrap.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The soak's faults while its clients run: every 2 to 5 s a {@code kill -9} of one of Catwalk's server processes
 * picked at random (the shared deployment's at most once in 35 s: the supervisor's restart backoff, 0.5 s doubling,
 * resets after 30 s of running, and it gives up after 5 exits a minute), and the database's connections dropped at
 * 35 % and 70 % of the load when a way to drop them is given. Each kill and drop is counted in the {@link Tally};
 * a process is recognised by its marker argument.
 */
public final class Faults implements Runnable {

    /** The argument that marks the shared deployment's server process. */
    public static final String SHARED_MARKER = "soak-shared";
    /** The argument that marks the isolated deployment's server processes. */
    public static final String ISOLATED_MARKER = "soak-isolated";
    private static final Duration SHARED_GAP = Duration.ofSeconds(35);

    private final Supplier<List<ProcessHandle>> processes;
    private final Optional<Callable<Integer>> dropDatabase;
    private final Random random;
    private final Tally tally;
    private final AtomicBoolean stop;
    private final Duration load;

    /** {@code dropDatabase} drops the connections and answers how many it dropped. */
    public Faults(Supplier<List<ProcessHandle>> processes, Optional<Callable<Integer>> dropDatabase, long seed,
                  Tally tally, AtomicBoolean stop, Duration load) {
        this.processes = processes;
        this.dropDatabase = dropDatabase;
        this.random = new Random(seed);
        this.tally = tally;
        this.stop = stop;
        this.load = load;
    }

    /** The flag that stops the faults, and the clients driven beside them. */
    public AtomicBoolean stopFlag() {
        return stop;
    }

    @Override
    public void run() {
        long began = System.nanoTime();
        long lastShared = began - SHARED_GAP.toNanos();
        List<Long> drops = new ArrayList<>(List.of(load.toNanos() * 35 / 100, load.toNanos() * 70 / 100));
        try {
            while (!stop.get()) {
                Thread.sleep(2_000 + random.nextInt(3_000));
                if (stop.get()) {
                    return;
                }
                long now = System.nanoTime();
                boolean sharedAllowed = now - lastShared >= SHARED_GAP.toNanos();
                // The shared server a third of the times it may be, else one of the isolated ones.
                String kind = sharedAllowed && random.nextInt(3) == 0 ? SHARED_MARKER : ISOLATED_MARKER;
                List<ProcessHandle> candidates = processes.get().stream().filter(ProcessHandle::isAlive)
                        .filter(p -> marker(p).filter(kind::equals).isPresent()).sorted().toList();
                if (!candidates.isEmpty()) {
                    ProcessHandle victim = candidates.get(random.nextInt(candidates.size()));
                    boolean shared = kind.equals(SHARED_MARKER);
                    if (victim.destroyForcibly()) {
                        tally.event(shared ? "kills of the shared server" : "kills of isolated servers");
                        tally.fault("kill " + (shared ? "shared" : "isolated"));
                        if (shared) {
                            lastShared = now;
                        }
                    }
                }
                if (!drops.isEmpty() && now - began >= drops.getFirst() && dropDatabase.isPresent()) {
                    drops.removeFirst();
                    int dropped = dropDatabase.get().call();
                    tally.event("database drops");
                    tally.fault("drop " + dropped + " connections");
                    for (int i = 0; i < dropped; i++) {
                        tally.event("database connections dropped");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            tally.problem("the faults failed: " + e);
        }
    }

    /** The marker argument of a soak server process, if it is one. */
    public static Optional<String> marker(ProcessHandle process) {
        return process.info().arguments().flatMap(args -> List.of(args).stream()
                .filter(a -> a.equals(SHARED_MARKER) || a.equals(ISOLATED_MARKER)).findFirst());
    }
}
