package live.catwalk.core.deployment.usecase;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.port.in.RotateDeploymentToken;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.shared.port.out.Randomness;

/**
 * Revokes the live tokens first, then stores the new one, so at no moment do two work; if storing the new one
 * fails the deployment has no working token until the next rotation (never a stale one). Then every MCP
 * session opened with an old token ends, with its open streams.
 */
public final class RotateDeploymentTokenService implements RotateDeploymentToken {

    private final DeploymentRepository deployments;
    private final TokenRepository tokens;
    private final AuditLog audit;
    private final Randomness randomness;
    private final Clock clock;
    private final Runtime runtime;

    public RotateDeploymentTokenService(DeploymentRepository deployments, TokenRepository tokens, AuditLog audit,
                                        Randomness randomness, Clock clock, Runtime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.randomness = Objects.requireNonNull(randomness, "randomness");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public IssuedToken rotate(Principal caller, DeploymentId id) {
        Lifecycle.owned(deployments, caller, id);
        Instant now = clock.instant();
        int revoked = tokens.revokeForDeployment(id, now);
        IssuedToken issued = DeploymentTokens.mint(randomness, caller, id, now);
        try {
            tokens.insert(issued.token());
        } finally {
            runtime.endSessions(id);
        }
        audit.record(new AuditEntry(now, AuditAction.DEPLOYMENT_TOKEN_ROTATED, Optional.of(caller.user()),
                Optional.of(id.value()), "new token " + issued.token().prefix() + ", " + revoked + " revoked"));
        return issued;
    }
}
