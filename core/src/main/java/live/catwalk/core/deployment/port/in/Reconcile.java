package live.catwalk.core.deployment.port.in;

/**
 * One pass of driving every deployment towards its desired state: starts what should run and does not,
 * stops what runs and should not, and records each status change as an event. Safe to call concurrently
 * with the other use cases (a lost optimistic-lock race is retried on the next pass).
 */
@FunctionalInterface
public interface Reconcile {

    void reconcile();
}
