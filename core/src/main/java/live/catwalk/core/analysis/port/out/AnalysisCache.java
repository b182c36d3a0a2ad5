package live.catwalk.core.analysis.port.out;

import java.time.Instant;
import java.util.Optional;
import live.catwalk.core.analysis.domain.CachedAnalysis;

/** Analyses kept for reuse until they expire. Timestamps are kept to the microsecond. Thread-safe. */
public interface AnalysisCache {

    /** The entry for {@code key} if {@code now} is before its {@code expiresAt}; empty otherwise. */
    Optional<CachedAnalysis> find(String key, Instant now);

    /** Stores or replaces the entry for its key. */
    void put(CachedAnalysis entry);

    /** Removes every entry, expired ones included; returns how many there were. */
    int clear();
}
