package live.catwalk.core.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs actions on threads of their own, released at the same moment, so they really race. */
public final class Race {

    private Race() {
    }

    /** What each action threw, if anything, in the order given; fails if one takes over 30 seconds. */
    public static List<Optional<Throwable>> run(List<Runnable> actions) {
        CountDownLatch ready = new CountDownLatch(actions.size());
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(actions.size())) {
            List<Future<Optional<Throwable>>> outcomes = new ArrayList<>();
            for (Runnable action : actions) {
                outcomes.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    try {
                        action.run();
                        return Optional.<Throwable>empty();
                    } catch (Throwable failure) {
                        return Optional.of(failure);
                    }
                }));
            }
            ready.await();
            go.countDown();
            List<Optional<Throwable>> results = new ArrayList<>();
            for (Future<Optional<Throwable>> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while racing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("a racing action did not finish", e);
        }
    }
}
