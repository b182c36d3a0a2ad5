package live.catwalk.core.oauth.port.out;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.oauth.domain.AuthorizationCode;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.GrantId;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.Redemption;
import live.catwalk.core.oauth.domain.Rotation;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.UserId;

/**
 * The authorization server's clients, grants, authorization codes and tokens; secrets only as hashes. Timestamps
 * are kept to the microsecond. A deployment's grants, and their codes and tokens, are removed with it (see
 * {@code DeploymentRepository#delete}); removing a client removes its grants likewise. Thread-safe; every method
 * is atomic.
 */
public interface OAuthStore {

    /** Stores a client, or replaces every field of the one with its id (a re-fetched metadata document). */
    void saveClient(OAuthClient client);

    /** The client with this id; empty if there is none. */
    Optional<OAuthClient> findClient(OAuthClientId id);

    /**
     * Records a use of the client at {@code at}: sets {@code lastUsedAt} unless it is already later. Does nothing
     * for an unknown client.
     */
    void touchClient(OAuthClientId id, Instant at);

    /**
     * Deletes every {@code REGISTERED} client that has no live grant and was neither created nor used at or after
     * {@code unusedSince}, with its revoked grants (and their codes and tokens); returns how many clients it deleted.
     */
    int pruneClients(Instant unusedSince);

    /**
     * Stores a new grant as given; NOT_FOUND if its user, client or deployment does not exist, CONFLICT if its id
     * is taken or it is live while the same user, client and deployment already have a live grant.
     */
    void insertGrant(Grant grant);

    /** The grant with this id, revoked or not; empty if there is none. */
    Optional<Grant> findGrant(GrantId id);

    /** The live grant of this user to this client for this deployment (there is at most one); empty if none. */
    Optional<Grant> liveGrant(UserId user, OAuthClientId client, DeploymentId deployment);

    /** A deployment's live grants, newest ({@code createdAt}) first; empty for none or an unknown deployment. */
    List<Grant> grantsOf(DeploymentId deployment);

    /**
     * Revokes a live grant as of {@code at}, with every live token issued under it, and deletes its authorization
     * codes (redeeming one is then {@code Unknown}); false (and nothing changes) if it is unknown or revoked before.
     */
    boolean revokeGrant(GrantId id, Instant at);

    /**
     * Revokes every live grant of a user as {@link #revokeGrant} does, e.g. when the user is disabled; returns how
     * many grants it revoked (0 for an unknown user or one without live grants).
     */
    int revokeGrantsOfUser(UserId user, Instant at);

    /** Records a use of the grant at {@code at}, moving {@code lastUsedAt} only forward; nothing for an unknown one. */
    void touchGrant(GrantId id, Instant at);

    /**
     * Stores a new authorization code as given; NOT_FOUND if its grant does not exist, CONFLICT if its hash is
     * taken or its grant is revoked.
     */
    void insertCode(AuthorizationCode code);

    /**
     * Redeems a code at {@code now}: marks it used if it is unused and {@code now} is before its expiry. Exactly one
     * of concurrent redemptions of one code is {@code Redeemed}; a used code is {@code Replayed} (expired or not),
     * an unused one at or after its expiry {@code Expired}, and a hash with no code {@code Unknown}.
     */
    Redemption redeemCode(TokenHash code, Instant now);

    /**
     * Stores a new access or refresh token as given; NOT_FOUND if its grant does not exist, CONFLICT if its hash is
     * taken or its grant is revoked (so no live token outlives its grant's revocation, even in a race).
     */
    void insertToken(OAuthToken token);

    /** The token with this hash, whatever its state; empty if there is none. */
    Optional<OAuthToken> findToken(TokenHash hash);

    /**
     * Uses a refresh token at {@code now}: marks it used if it is unrevoked, unused and {@code now} is before its
     * expiry. Exactly one of concurrent uses of one token is {@code Rotated}. Otherwise, in this order: a revoked
     * token is {@code Revoked}, a used one {@code Reused}, an expired one {@code Expired}, and a hash that is no
     * refresh token's (an access token's included) {@code Unknown}.
     */
    Rotation useRefreshToken(TokenHash refreshToken, Instant now);

    /** Revokes a live token of either kind as of {@code at}; false if there is none or it was revoked before. */
    boolean revokeToken(TokenHash token, Instant at);

    /**
     * Revokes, as of {@code at}, every live token whose {@code fromCode} is {@code code} (a replayed code's
     * harvest); returns how many it revoked.
     */
    int revokeTokensFromCode(TokenHash code, Instant at);

    /**
     * Deletes the codes and tokens whose expiry is before {@code before}, whatever their state; returns how many
     * rows it deleted. A replay of a deleted code is {@code Unknown}, so keep codes well past their expiry.
     */
    int pruneExpired(Instant before);
}
