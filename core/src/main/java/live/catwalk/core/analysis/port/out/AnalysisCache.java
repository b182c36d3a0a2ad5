package live.catwalk.core.analysis.port.out;

import java.time.Instant;
import java.util.Optional;
import live.catwalk.core.analysis.domain.CachedAnalysis;

/** Analyses kept for reuse until they expire. Thread-safe. */
public interface AnalysisCache {

    /** The entry for {@code key} if it has not expired at {@code now}. */
    Optional<CachedAnalysis> find(String key, Instant now);

    /** Stores or replaces the entry for its key. */
    void put(CachedAnalysis entry);

    /** Removes every entry; returns how many there were. */
    int clear();
}
