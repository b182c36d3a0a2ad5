package live.catwalk.core.analysis.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored analysis result: its key (e.g. {@code npm:@scope/name@1.2.3}, at most 300 characters), the
 * analysis as JSON (at most 1 MiB), and when it stops being valid.
 */
public record CachedAnalysis(String key, String json, Instant storedAt, Instant expiresAt) {

    public static final int MAX_KEY = 300;
    public static final int MAX_JSON = 1024 * 1024;

    public CachedAnalysis {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(storedAt, "storedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (key.isEmpty() || key.length() > MAX_KEY || json.length() > MAX_JSON) {
            throw new IllegalArgumentException("a cache key is 1-" + MAX_KEY + " characters, an analysis at most 1 MiB");
        }
    }
}
