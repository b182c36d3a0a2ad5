package live.catwalk.bootstrap.wiring;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import live.catwalk.core.oauth.port.out.OAuthStore;

/**
 * One pass of the authorization server's housekeeping: deletes the codes and tokens more than {@link #KEEP_EXPIRED}
 * past their expiry, revoked or not (so a revoked grant leaves only its own row), and the dynamically registered
 * clients without a live grant, unused for {@link #UNUSED_CLIENTS}. Scheduled, it runs every {@link #EVERY}; a pass
 * that fails is logged as a warning, without its cause's details, and the next one runs as planned.
 */
final class OAuthPruning implements Runnable {

    /** How often a pass runs. */
    static final Duration EVERY = Duration.ofMinutes(10);
    /** How long after start-up the first pass runs. */
    static final Duration FIRST = Duration.ofMinutes(1);
    /** Codes and tokens are kept this long past their expiry, so that a replayed code is still known as one. */
    static final Duration KEEP_EXPIRED = Duration.ofDays(1);
    /** A registered client unused this long, with no live grant, is deleted (as Cloudflare's provider does). */
    static final Duration UNUSED_CLIENTS = Duration.ofDays(90);
    private static final System.Logger LOG = System.getLogger(OAuthPruning.class.getName());

    private final OAuthStore store;
    private final Clock clock;

    OAuthPruning(OAuthStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One pass; never throws (a scheduled task that threw would never run again). */
    @Override
    public void run() {
        try {
            Instant now = clock.instant();
            int expired = store.pruneExpired(now.minus(KEEP_EXPIRED));
            int clients = store.pruneClients(now.minus(UNUSED_CLIENTS));
            LOG.log(System.Logger.Level.DEBUG, () -> "OAuth pruning deleted " + expired
                    + " expired codes and tokens and " + clients + " unused registered clients");
        } catch (RuntimeException e) {
            // The store's messages hold no secret; the cause (a driver's message) is left out all the same.
            LOG.log(System.Logger.Level.WARNING, "OAuth pruning failed, to be tried again at the next pass: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** Runs a pass {@code first} from now, then {@code every} after each pass ends, until {@code executor} stops. */
    ScheduledFuture<?> schedule(ScheduledExecutorService executor, Duration first, Duration every) {
        return executor.scheduleWithFixedDelay(this, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }
}
