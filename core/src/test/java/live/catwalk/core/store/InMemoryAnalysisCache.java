package live.catwalk.core.store;

import java.time.Instant;
import java.util.Optional;
import live.catwalk.core.analysis.domain.CachedAnalysis;
import live.catwalk.core.analysis.port.out.AnalysisCache;

final class InMemoryAnalysisCache implements AnalysisCache {

    private final InMemoryStore store;

    InMemoryAnalysisCache(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public Optional<CachedAnalysis> find(String key, Instant now) {
        synchronized (store.lock) {
            return Optional.ofNullable(store.analyses.get(key)).filter(a -> now.isBefore(a.expiresAt()));
        }
    }

    @Override
    public void put(CachedAnalysis entry) {
        synchronized (store.lock) {
            store.analyses.put(entry.key(), entry);
        }
    }

    @Override
    public int clear() {
        synchronized (store.lock) {
            int count = store.analyses.size();
            store.analyses.clear();
            return count;
        }
    }
}
