package live.catwalk.adapters.persistence;

import static live.catwalk.adapters.persistence.jooq.Tables.ANALYSIS_CACHE;

import java.time.Instant;
import java.util.Optional;
import live.catwalk.core.analysis.domain.CachedAnalysis;
import live.catwalk.core.analysis.port.out.AnalysisCache;
import org.jooq.DSLContext;

final class JooqAnalysisCache implements AnalysisCache {

    private final DSLContext dsl;

    JooqAnalysisCache(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<CachedAnalysis> find(String key, Instant now) {
        return Failures.read(() -> dsl.selectFrom(ANALYSIS_CACHE)
                .where(ANALYSIS_CACHE.CACHE_KEY.eq(key), ANALYSIS_CACHE.EXPIRES_AT.gt(Times.toDb(now)))
                .fetchOptional()
                .map(row -> new CachedAnalysis(row.getCacheKey(), row.getAnalysisJson(),
                        Times.fromDb(row.getStoredAt()), Times.fromDb(row.getExpiresAt()))));
    }

    @Override
    public void put(CachedAnalysis entry) {
        Failures.run(null, null, () -> dsl.insertInto(ANALYSIS_CACHE)
                .set(ANALYSIS_CACHE.CACHE_KEY, entry.key())
                .set(ANALYSIS_CACHE.ANALYSIS_JSON, entry.json())
                .set(ANALYSIS_CACHE.STORED_AT, Times.toDb(entry.storedAt()))
                .set(ANALYSIS_CACHE.EXPIRES_AT, Times.toDb(entry.expiresAt()))
                .onConflict(ANALYSIS_CACHE.CACHE_KEY)
                .doUpdate()
                .set(ANALYSIS_CACHE.ANALYSIS_JSON, entry.json())
                .set(ANALYSIS_CACHE.STORED_AT, Times.toDb(entry.storedAt()))
                .set(ANALYSIS_CACHE.EXPIRES_AT, Times.toDb(entry.expiresAt()))
                .execute());
    }

    @Override
    public int clear() {
        return Failures.guard(() -> dsl.deleteFrom(ANALYSIS_CACHE).execute());
    }
}
