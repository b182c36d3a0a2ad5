package live.catwalk.core.account.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Issued access tokens, found by hash; timestamps are kept to the microsecond. A deployment's tokens are
 * removed with it (see {@code DeploymentRepository#delete}). Thread-safe.
 */
public interface TokenRepository {

    /**
     * Stores a new token as given; CONFLICT if its id or hash exists, NOT_FOUND if its owner (or its
     * deployment, if any) does not exist.
     */
    void insert(AccessToken token);

    /** The token with this hash, revoked or not; empty if there is none. */
    Optional<AccessToken> findByHash(TokenHash hash);

    /** The token with this id, revoked or not; empty if there is none. */
    Optional<AccessToken> find(TokenId id);

    /** A user's tokens, newest (by {@code createdAt}) first, revoked ones included; empty if none. */
    List<AccessToken> listByOwner(UserId owner);

    /**
     * Revokes the owner's token as of {@code at}; false (and nothing changes) if there is no such token of
     * this owner or it was revoked before.
     */
    boolean revoke(TokenId id, UserId owner, Instant at);

    /**
     * Revokes every live token of a deployment as of {@code at}, leaving those revoked before as they were;
     * returns how many it revoked (0 for a deployment without live tokens, or none at all).
     */
    int revokeForDeployment(DeploymentId deployment, Instant at);

    /**
     * Revokes every live token of a user, personal and deployment tokens alike, as of {@code at}, leaving those
     * revoked before as they were; returns how many it revoked (0 for an unknown user or one without live tokens).
     */
    int revokeForOwner(UserId owner, Instant at);

    /**
     * Records a use of the token at {@code at}: sets {@code lastUsedAt} unless it is already later (it only
     * ever moves forward). Does nothing for an unknown token, e.g. one removed with its deployment.
     */
    void touch(TokenId id, Instant at);
}
