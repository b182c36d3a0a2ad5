package live.catwalk.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import live.catwalk.core.analysis.domain.CachedAnalysis;
import org.junit.jupiter.api.Test;

/** What every {@code AnalysisCache} does. */
public abstract class AnalysisCacheContract extends StoreContract {

    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void findsAnEntryBeforeItExpiresWithEveryField() {
        CachedAnalysis entry = fixtures.analysis("npm:@scope/name@1.2.3", DAY);
        stores.analyses().put(entry);

        assertEquals(Optional.of(entry), stores.analyses().find(entry.key(), entry.storedAt()));
        assertEquals(Optional.of(entry),
                stores.analyses().find(entry.key(), entry.expiresAt().minus(1, ChronoUnit.MICROS)));
    }

    @Test
    void findsNothingOnceAnEntryHasExpired() {
        CachedAnalysis entry = fixtures.analysis("pypi:mcp-server-git", DAY);
        stores.analyses().put(entry);

        assertEquals(Optional.empty(), stores.analyses().find(entry.key(), entry.expiresAt()));
        assertEquals(Optional.empty(), stores.analyses().find(entry.key(), entry.expiresAt().plusSeconds(1)));
    }

    @Test
    void findsNothingForAnUnknownKey() {
        CachedAnalysis entry = fixtures.analysis("npm:a", DAY);
        stores.analyses().put(entry);

        assertEquals(Optional.empty(), stores.analyses().find("npm:b", entry.storedAt()));
        assertEquals(Optional.empty(), stores.analyses().find("NPM:A", entry.storedAt()));
    }

    @Test
    void replacesTheEntryOfItsKey() {
        CachedAnalysis old = fixtures.analysis("npm:a", Duration.ofMinutes(1));
        CachedAnalysis fresh = new CachedAnalysis("npm:a", "{\"v\":2}", fixtures.next(), fixtures.next().plus(DAY));
        stores.analyses().put(old);

        stores.analyses().put(fresh);

        assertEquals(Optional.of(fresh), stores.analyses().find("npm:a", fresh.storedAt()));
        assertEquals(1, stores.analyses().clear());
    }

    @Test
    void keepsTheLongestKeyAndTheLargestAnalysis() {
        CachedAnalysis stored = fixtures.analysis("k", DAY);
        CachedAnalysis largest = new CachedAnalysis("k".repeat(CachedAnalysis.MAX_KEY),
                "\"" + "x".repeat(CachedAnalysis.MAX_JSON - 2) + "\"", stored.storedAt(), stored.expiresAt());

        stores.analyses().put(largest);

        assertEquals(Optional.of(largest), stores.analyses().find(largest.key(), largest.storedAt()));
    }

    @Test
    void clearRemovesEveryEntryExpiredOrNotAndCountsThem() {
        CachedAnalysis live = fixtures.analysis("npm:a", DAY);
        stores.analyses().put(live);
        stores.analyses().put(fixtures.analysis("npm:b", DAY));
        stores.analyses().put(fixtures.analysis("npm:expired", Duration.ofSeconds(1)));

        assertEquals(3, stores.analyses().clear());

        assertEquals(Optional.empty(), stores.analyses().find("npm:a", live.storedAt()));
        assertEquals(0, stores.analyses().clear());
    }
}
