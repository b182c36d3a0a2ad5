package live.catwalk.core.account.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.account.domain.UserId;
import live.catwalk.core.deployment.domain.DeploymentId;

/** Issued access tokens, found by hash; timestamps are kept to the microsecond. Thread-safe. */
public interface TokenRepository {

    /** Stores a new token; CONFLICT if its id or hash exists. The owner (and deployment, if any) must exist. */
    void insert(AccessToken token);

    /** The token with this hash, revoked or not. */
    Optional<AccessToken> findByHash(TokenHash hash);

    /** A user's tokens, newest first, revoked ones included. */
    List<AccessToken> listByOwner(UserId owner);

    /** Revokes the owner's token; false if there is no such token of this owner or it was revoked before. */
    boolean revoke(TokenId id, UserId owner, Instant at);

    /** Revokes every live token of a deployment; returns how many. */
    int revokeForDeployment(DeploymentId deployment, Instant at);

    /** Records a use of the token (only ever moves the time forward). */
    void touch(TokenId id, Instant at);
}
