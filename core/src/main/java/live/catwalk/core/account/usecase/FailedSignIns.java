package live.catwalk.core.account.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.port.out.AuditLog;

/**
 * Audits failed sign-ins without letting anonymous clients grow the audit log without bound: at most
 * {@link #ROWS_PER_WINDOW} rows a {@link #WINDOW}, each naming the reason and the token's visible prefix; the
 * failures beyond that are only counted, and one summary row ("N more failed sign-ins not recorded one by one")
 * is written when a later window begins (on its first failure or sign-in). Memory is a few fields. Thread-safe.
 */
final class FailedSignIns {

    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int ROWS_PER_WINDOW = 20;

    private final AuditLog audit;
    private final Clock clock;
    private Instant windowStart = Instant.MIN;
    private int written;
    private long suppressed;
    private Instant firstSuppressed;

    FailedSignIns(AuditLog audit, Clock clock) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records one failure with its (secret-free) visible prefix and reason, or only counts it. */
    void failed(Optional<String> prefix, String why) {
        Instant now = clock.instant();
        List<AuditEntry> rows = new ArrayList<>(2);
        synchronized (this) {
            rollOver(now).ifPresent(rows::add);
            if (written < ROWS_PER_WINDOW) {
                written++;
                rows.add(new AuditEntry(now, AuditAction.AUTHENTICATION_FAILED, Optional.empty(), prefix, why));
            } else {
                if (suppressed == 0) {
                    firstSuppressed = now;
                }
                suppressed++;
            }
        }
        rows.forEach(audit::record);
    }

    /** Writes the summary of an ended window if there is one; cheap when there is none. */
    void flushIfDue() {
        Optional<AuditEntry> summary;
        synchronized (this) {
            if (suppressed == 0) {
                return;
            }
            summary = rollOver(clock.instant());
        }
        summary.ifPresent(audit::record);
    }

    private Optional<AuditEntry> rollOver(Instant now) {
        if (now.isBefore(windowStart.plus(WINDOW))) {
            return Optional.empty();
        }
        Optional<AuditEntry> summary = suppressed == 0 ? Optional.empty()
                : Optional.of(new AuditEntry(now, AuditAction.AUTHENTICATION_FAILED, Optional.empty(), Optional.empty(),
                        suppressed + " more failed sign-ins from " + firstSuppressed + " to " + windowStart.plus(WINDOW)
                                + " not recorded one by one (at most " + ROWS_PER_WINDOW + " rows a minute)"));
        windowStart = now;
        written = 0;
        suppressed = 0;
        return summary;
    }
}
