package live.catwalk.bootstrap;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.mcp.port.out.McpAccess;

/**
 * Access to deployments created through the API: a live {@code cwd_…} token of that very deployment,
 * found by its hash. The deployments file's access decides for the ids it defines. The principal is
 * the token's id, never the token.
 */
final class StoredMcpAccess implements McpAccess {

    private final TokenRepository tokens;
    private final ConfiguredMcpAccess configured;
    private final Clock clock;
    private final Map<TokenId, Instant> touched = new ConcurrentHashMap<>();

    StoredMcpAccess(TokenRepository tokens, ConfiguredMcpAccess configured, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.configured = Objects.requireNonNull(configured, "configured");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<String> authenticate(String deploymentId, Optional<String> bearerToken) {
        // One hash per request: a deployment is either the file's or the database's, never both.
        if (configured.defines(deploymentId)) {
            return configured.authenticate(deploymentId, bearerToken);
        }
        if (bearerToken.filter(t -> t.startsWith("cwd_") && t.length() <= 200).isEmpty()) {
            return Optional.empty();
        }
        Optional<AccessToken> token = tokens.findByHash(TokenHash.of(bearerToken.get()))
                .filter(t -> !t.isRevoked())
                .filter(t -> t.deployment().map(d -> d.value().equals(deploymentId)).orElse(false));
        token.ifPresent(this::touchAtMostOnceAMinute);
        return token.map(t -> "token:" + t.id());
    }

    /** The token may come from a cache, so its own last-used time can be stale; this instance keeps its own. */
    private void touchAtMostOnceAMinute(AccessToken token) {
        Instant now = clock.instant();
        Instant last = touched.getOrDefault(token.id(), token.lastUsedAt().orElse(Instant.MIN));
        if (last.plusSeconds(60).isBefore(now)) {
            if (touched.size() >= 10_000) {
                touched.clear();
            }
            touched.put(token.id(), now);
            tokens.touch(token.id(), now);
        }
    }
}
