package live.catwalk.adapters.persistence;

import static live.catwalk.adapters.persistence.jooq.Tables.OAUTH_CLIENTS;
import static live.catwalk.adapters.persistence.jooq.Tables.OAUTH_CODES;
import static live.catwalk.adapters.persistence.jooq.Tables.OAUTH_GRANTS;
import static live.catwalk.adapters.persistence.jooq.Tables.OAUTH_TOKENS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import live.catwalk.adapters.persistence.jooq.tables.records.OauthCodesRecord;
import live.catwalk.adapters.persistence.jooq.tables.records.OauthTokensRecord;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.oauth.domain.AuthorizationCode;
import live.catwalk.core.oauth.domain.ClientKind;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.GrantId;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.OAuthTokenKind;
import live.catwalk.core.oauth.domain.Redemption;
import live.catwalk.core.oauth.domain.Rotation;
import live.catwalk.core.oauth.port.out.OAuthStore;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.UserId;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Single use is a conditional UPDATE ({@code … WHERE used_at IS NULL}) whose row count decides, read back in the
 * same transaction. Codes and tokens are inserted with their grant's row locked, and a grant is revoked by
 * updating that row first, so a token inserted in a race with the revocation is either refused or revoked with it.
 */
final class JooqOAuthStore implements OAuthStore {

    private final DSLContext dsl;

    JooqOAuthStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void saveClient(OAuthClient client) {
        var row = OAuthRows.client(client);
        Failures.run(null, null, () -> dsl.insertInto(OAUTH_CLIENTS).set(row)
                .onConflict(OAUTH_CLIENTS.ID).doUpdate().set(row).execute());
    }

    @Override
    public Optional<OAuthClient> findClient(OAuthClientId id) {
        return Failures.read(() -> dsl.selectFrom(OAUTH_CLIENTS).where(OAUTH_CLIENTS.ID.eq(id.value()))
                .fetchOptional().map(OAuthRows::client));
    }

    @Override
    public void touchClient(OAuthClientId id, Instant at) {
        Failures.run(null, null, () -> dsl.update(OAUTH_CLIENTS)
                .set(OAUTH_CLIENTS.LAST_USED_AT, Times.toDb(at))
                .where(OAUTH_CLIENTS.ID.eq(id.value()))
                .and(OAUTH_CLIENTS.LAST_USED_AT.isNull().or(OAUTH_CLIENTS.LAST_USED_AT.lt(Times.toDb(at))))
                .execute());
    }

    @Override
    public int pruneClients(Instant unusedSince) {
        return Failures.guard(() -> dsl.deleteFrom(OAUTH_CLIENTS)
                .where(OAUTH_CLIENTS.KIND.eq(ClientKind.REGISTERED.name()))
                .and(DSL.coalesce(OAUTH_CLIENTS.LAST_USED_AT, OAUTH_CLIENTS.CREATED_AT).lt(Times.toDb(unusedSince)))
                .andNotExists(DSL.selectOne().from(OAUTH_GRANTS)
                        .where(OAUTH_GRANTS.CLIENT_ID.eq(OAUTH_CLIENTS.ID))
                        .and(OAUTH_GRANTS.REVOKED_AT.isNull()))
                .execute());
    }

    @Override
    public void insertGrant(Grant grant) {
        Failures.run("A grant with this id exists, or this user already granted this client this deployment.",
                "The grant's user, client or deployment does not exist.",
                () -> dsl.insertInto(OAUTH_GRANTS).set(OAuthRows.grant(grant)).execute());
    }

    @Override
    public Optional<Grant> findGrant(GrantId id) {
        return Failures.read(() -> dsl.selectFrom(OAUTH_GRANTS).where(OAUTH_GRANTS.ID.eq(id.value()))
                .fetchOptional().map(OAuthRows::grant));
    }

    @Override
    public Optional<Grant> liveGrant(UserId user, OAuthClientId client, DeploymentId deployment) {
        return Failures.read(() -> dsl.selectFrom(OAUTH_GRANTS)
                .where(OAUTH_GRANTS.USER_ID.eq(user.value()))
                .and(OAUTH_GRANTS.CLIENT_ID.eq(client.value()))
                .and(OAUTH_GRANTS.DEPLOYMENT_ID.eq(deployment.value()))
                .and(OAUTH_GRANTS.REVOKED_AT.isNull())
                .fetchOptional().map(OAuthRows::grant));
    }

    @Override
    public List<Grant> grantsOf(DeploymentId deployment) {
        return Failures.read(() -> dsl.selectFrom(OAUTH_GRANTS)
                .where(OAUTH_GRANTS.DEPLOYMENT_ID.eq(deployment.value()))
                .and(OAUTH_GRANTS.REVOKED_AT.isNull())
                .orderBy(OAUTH_GRANTS.CREATED_AT.desc(), OAUTH_GRANTS.ID.desc())
                .fetch(OAuthRows::grant));
    }

    @Override
    public boolean revokeGrant(GrantId id, Instant at) {
        return revokeGrants(tx -> tx.select(OAUTH_GRANTS.ID).from(OAUTH_GRANTS)
                .where(OAUTH_GRANTS.ID.eq(id.value())).and(OAUTH_GRANTS.REVOKED_AT.isNull())
                .forUpdate().fetch(OAUTH_GRANTS.ID), at) == 1;
    }

    @Override
    public int revokeGrantsOfUser(UserId user, Instant at) {
        return revokeGrants(tx -> tx.select(OAUTH_GRANTS.ID).from(OAUTH_GRANTS)
                .where(OAUTH_GRANTS.USER_ID.eq(user.value())).and(OAUTH_GRANTS.REVOKED_AT.isNull())
                .forUpdate().fetch(OAUTH_GRANTS.ID), at);
    }

    /** Locks the live grants {@code which} selects, then revokes them and their tokens and deletes their codes. */
    private int revokeGrants(Function<DSLContext, List<UUID>> which, Instant at) {
        return Failures.guard(() -> dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            List<UUID> ids = which.apply(t);
            if (ids.isEmpty()) {
                return 0;
            }
            t.update(OAUTH_GRANTS).set(OAUTH_GRANTS.REVOKED_AT, Times.toDb(at)).setNull(OAUTH_GRANTS.LIVE)
                    .where(OAUTH_GRANTS.ID.in(ids)).execute();
            t.update(OAUTH_TOKENS).set(OAUTH_TOKENS.REVOKED_AT, Times.toDb(at))
                    .where(OAUTH_TOKENS.GRANT_ID.in(ids)).and(OAUTH_TOKENS.REVOKED_AT.isNull()).execute();
            t.deleteFrom(OAUTH_CODES).where(OAUTH_CODES.GRANT_ID.in(ids)).execute();
            return ids.size();
        }));
    }

    @Override
    public void touchGrant(GrantId id, Instant at) {
        Failures.run(null, null, () -> dsl.update(OAUTH_GRANTS)
                .set(OAUTH_GRANTS.LAST_USED_AT, Times.toDb(at))
                .where(OAUTH_GRANTS.ID.eq(id.value()))
                .and(OAUTH_GRANTS.LAST_USED_AT.isNull().or(OAUTH_GRANTS.LAST_USED_AT.lt(Times.toDb(at))))
                .execute());
    }

    @Override
    public void insertCode(AuthorizationCode code) {
        Failures.run("A code with this hash exists.", "The code's grant does not exist.",
                () -> dsl.transaction(tx -> {
                    lockLiveGrant(tx.dsl(), code.grant());
                    tx.dsl().insertInto(OAUTH_CODES).set(OAuthRows.code(code)).execute();
                }));
    }

    @Override
    public Redemption redeemCode(TokenHash code, Instant now) {
        return Failures.guard(() -> dsl.transactionResult(tx -> {
            int redeemed = tx.dsl().update(OAUTH_CODES).set(OAUTH_CODES.USED_AT, Times.toDb(now))
                    .where(OAUTH_CODES.HASH.eq(code.hex()))
                    .and(OAUTH_CODES.USED_AT.isNull())
                    .and(OAUTH_CODES.EXPIRES_AT.gt(Times.toDb(now)))
                    .execute();
            OauthCodesRecord row = tx.dsl().selectFrom(OAUTH_CODES).where(OAUTH_CODES.HASH.eq(code.hex()))
                    .fetchOne();
            if (row == null) {
                return new Redemption.Unknown();
            }
            AuthorizationCode stored = OAuthRows.code(row);
            if (redeemed == 1) {
                return new Redemption.Redeemed(stored);
            }
            return stored.usedAt().isPresent() ? new Redemption.Replayed(stored) : new Redemption.Expired(stored);
        }));
    }

    @Override
    public void insertToken(OAuthToken token) {
        Failures.run("A token with this hash exists.", "The token's grant does not exist.",
                () -> dsl.transaction(tx -> {
                    lockLiveGrant(tx.dsl(), token.grant());
                    tx.dsl().insertInto(OAUTH_TOKENS).set(OAuthRows.token(token)).execute();
                }));
    }

    @Override
    public Optional<OAuthToken> findToken(TokenHash hash) {
        return Failures.read(() -> dsl.selectFrom(OAUTH_TOKENS).where(OAUTH_TOKENS.HASH.eq(hash.hex()))
                .fetchOptional().map(OAuthRows::token));
    }

    @Override
    public Rotation useRefreshToken(TokenHash refreshToken, Instant now) {
        return Failures.guard(() -> dsl.transactionResult(tx -> {
            int rotated = tx.dsl().update(OAUTH_TOKENS).set(OAUTH_TOKENS.USED_AT, Times.toDb(now))
                    .where(OAUTH_TOKENS.HASH.eq(refreshToken.hex()))
                    .and(OAUTH_TOKENS.KIND.eq(OAuthTokenKind.REFRESH.name()))
                    .and(OAUTH_TOKENS.USED_AT.isNull())
                    .and(OAUTH_TOKENS.REVOKED_AT.isNull())
                    .and(OAUTH_TOKENS.EXPIRES_AT.gt(Times.toDb(now)))
                    .execute();
            OauthTokensRecord row = tx.dsl().selectFrom(OAUTH_TOKENS)
                    .where(OAUTH_TOKENS.HASH.eq(refreshToken.hex()))
                    .and(OAUTH_TOKENS.KIND.eq(OAuthTokenKind.REFRESH.name()))
                    .fetchOne();
            if (row == null) {
                return new Rotation.Unknown();
            }
            OAuthToken stored = OAuthRows.token(row);
            if (rotated == 1) {
                return new Rotation.Rotated(stored);
            }
            if (stored.revokedAt().isPresent()) {
                return new Rotation.Revoked(stored);
            }
            return stored.usedAt().isPresent() ? new Rotation.Reused(stored) : new Rotation.Expired(stored);
        }));
    }

    @Override
    public boolean revokeToken(TokenHash token, Instant at) {
        return Failures.guard(() -> dsl.update(OAUTH_TOKENS).set(OAUTH_TOKENS.REVOKED_AT, Times.toDb(at))
                .where(OAUTH_TOKENS.HASH.eq(token.hex()))
                .and(OAUTH_TOKENS.REVOKED_AT.isNull())
                .execute() == 1);
    }

    @Override
    public int revokeTokensFromCode(TokenHash code, Instant at) {
        return Failures.guard(() -> dsl.update(OAUTH_TOKENS).set(OAUTH_TOKENS.REVOKED_AT, Times.toDb(at))
                .where(OAUTH_TOKENS.FROM_CODE.eq(code.hex()))
                .and(OAUTH_TOKENS.REVOKED_AT.isNull())
                .execute());
    }

    @Override
    public int pruneExpired(Instant before) {
        return Failures.guard(() -> dsl.transactionResult(tx ->
                tx.dsl().deleteFrom(OAUTH_CODES).where(OAUTH_CODES.EXPIRES_AT.lt(Times.toDb(before))).execute()
                        + tx.dsl().deleteFrom(OAUTH_TOKENS).where(OAUTH_TOKENS.EXPIRES_AT.lt(Times.toDb(before)))
                        .execute()));
    }

    /** Locks the grant's row until the transaction ends; NOT_FOUND if there is none, CONFLICT if it is revoked. */
    private static void lockLiveGrant(DSLContext tx, GrantId id) {
        var grant = tx.select(OAUTH_GRANTS.REVOKED_AT).from(OAUTH_GRANTS).where(OAUTH_GRANTS.ID.eq(id.value()))
                .forUpdate().fetchOptional();
        if (grant.isEmpty()) {
            throw CatwalkException.notFound("The grant does not exist.");
        }
        if (grant.get().value1() != null) {
            throw CatwalkException.of(CatwalkException.Kind.CONFLICT, "The grant was revoked.");
        }
    }
}
