package live.catwalk.adapters.rest;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;

/**
 * Counts the requests Jersey has begun and not yet finished (response written, exceptions mapped, request scope
 * released). Grizzly's graceful stop counts a request done once its response is out, while Jersey may still be
 * finishing it; destroying the container in that gap makes Jersey log "An exception mapping did not successfully
 * produce…" with a stack trace. A stop waits here, briefly, before it destroys the container.
 */
final class JerseyInFlight implements ApplicationEventListener {

    /** How long a stop gives Jersey to finish the requests Grizzly already counts as done. */
    static final Duration FINISHING = Duration.ofSeconds(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int running;

    @Override
    public void onEvent(ApplicationEvent event) {
        // application events carry nothing a stop needs
    }

    @Override
    public RequestEventListener onRequest(RequestEvent started) {
        change(1);
        return event -> {
            if (event.getType() == RequestEvent.Type.FINISHED) {
                change(-1);
            }
        };
    }

    /** Waits until no request is in Jersey's hands, for at most {@code within}; whether it got there. */
    boolean awaitIdle(Duration within) throws InterruptedException {
        long left = within.toNanos();
        lock.lock();
        try {
            while (running > 0) {
                if (left <= 0) {
                    return false;
                }
                left = idle.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void change(int by) {
        lock.lock();
        try {
            running += by;
            if (running <= 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }
}
