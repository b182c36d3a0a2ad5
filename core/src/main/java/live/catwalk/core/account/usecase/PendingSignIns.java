package live.catwalk.core.account.usecase;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.shared.domain.UserId;

/**
 * The GitHub sign-ins under way, kept in memory by their state's hash: each is taken at most once, within
 * {@link #LIFETIME} of its start; at most {@value #MAX} are kept (the oldest go first). Thread-safe.
 */
final class PendingSignIns {

    /** How long a started sign-in may take. */
    static final Duration LIFETIME = Duration.ofMinutes(10);
    static final int MAX = 10_000;

    /** A sign-in under way: the user it links to (if any), what comes after, and when it was started. */
    record Pending(Optional<UserId> linking, String after, Instant startedAt) {
    }

    private final Map<TokenHash, Pending> pending = new ConcurrentHashMap<>();

    void put(String state, Pending started) {
        Instant now = started.startedAt();
        pending.values().removeIf(p -> !live(p, now));
        if (pending.size() >= MAX) {
            pending.entrySet().stream().sorted(Comparator.comparing(e -> e.getValue().startedAt()))
                    .limit(pending.size() - MAX + 1L).map(Map.Entry::getKey).toList().forEach(pending::remove);
        }
        pending.put(TokenHash.of(state), started);
    }

    /** The sign-in started with this state, removed so it cannot be taken again; empty if unknown or too old. */
    Optional<Pending> take(String state, Instant now) {
        Objects.requireNonNull(state, "state");
        return Optional.ofNullable(pending.remove(TokenHash.of(state))).filter(p -> live(p, now));
    }

    private static boolean live(Pending p, Instant now) {
        return now.isBefore(p.startedAt().plus(LIFETIME));
    }
}
