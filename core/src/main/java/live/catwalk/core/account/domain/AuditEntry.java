package live.catwalk.core.account.domain;

import live.catwalk.core.shared.domain.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One audit log row: when, what, who did it (absent when unauthenticated), what it was done to, and a
 * short detail (at most 500 characters). Callers never put a secret into any field.
 */
public record AuditEntry(Instant at, AuditAction action, Optional<UserId> actor, Optional<String> target,
                         String detail) {

    public static final int MAX_TEXT = 500;

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(detail, "detail");
        if (detail.length() > MAX_TEXT || target.map(String::length).orElse(0) > MAX_TEXT) {
            throw new IllegalArgumentException("audit target and detail are at most " + MAX_TEXT + " characters");
        }
    }
}
