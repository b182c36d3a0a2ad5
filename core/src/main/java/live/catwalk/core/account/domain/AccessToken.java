package live.catwalk.core.account.domain;

import live.catwalk.core.shared.domain.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * An issued bearer token as stored: its hash and visible prefix, never its secret. A personal token
 * ({@code cwk_…}) has no deployment; a deployment token ({@code cwd_…}) opens only that deployment's
 * MCP endpoint. A token is usable until {@code revokedAt}.
 */
public record AccessToken(TokenId id, UserId owner, Optional<DeploymentId> deployment, String name, String prefix,
                          TokenHash hash, Instant createdAt, Optional<Instant> lastUsedAt,
                          Optional<Instant> revokedAt) {

    private static final Pattern PREFIX = Pattern.compile("cw[kd]_[A-Za-z0-9]{1,12}");

    public AccessToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        Objects.requireNonNull(revokedAt, "revokedAt");
        if (name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("a token name is 1-100 characters");
        }
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a token prefix is cwk_ or cwd_ and up to 12 letters or digits");
        }
    }

    public boolean isRevoked() {
        return revokedAt.isPresent();
    }
}
