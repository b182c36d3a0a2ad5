package live.catwalk.core.deployment.port.in;

/**
 * One pass of driving every deployment towards its desired state: starts what should run and does not,
 * stops what runs and should not, and records each status change as an event. Safe to call concurrently
 * with the other use cases (a lost optimistic-lock race is retried on the next pass). A deployment that fails
 * otherwise is skipped and the pass goes on; at the end, if any was skipped, throws INTERNAL
 * {@code reconcile_incomplete} with each failure attached as suppressed, for the caller to log and call again.
 */
@FunctionalInterface
public interface Reconcile {

    void reconcile();
}
