package live.catwalk.adapters.persistence;

import static live.catwalk.adapters.persistence.jooq.Tables.ACCESS_TOKENS;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import live.catwalk.adapters.persistence.jooq.tables.records.AccessTokensRecord;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.TokenId;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.shared.domain.DeploymentId;
import org.jooq.DSLContext;

final class JooqTokenRepository implements TokenRepository {

    private final DSLContext dsl;

    JooqTokenRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(AccessToken token) {
        Failures.run("A token with this id or hash exists.", "The token's owner or deployment does not exist.",
                () -> dsl.insertInto(ACCESS_TOKENS)
                        .set(ACCESS_TOKENS.ID, token.id().value())
                        .set(ACCESS_TOKENS.HASH, token.hash().hex())
                        .set(ACCESS_TOKENS.PREFIX, token.prefix())
                        .set(ACCESS_TOKENS.OWNER_ID, token.owner().value())
                        .set(ACCESS_TOKENS.DEPLOYMENT_ID, token.deployment().map(DeploymentId::value).orElse(null))
                        .set(ACCESS_TOKENS.NAME, token.name())
                        .set(ACCESS_TOKENS.CREATED_AT, Times.toDb(token.createdAt()))
                        .set(ACCESS_TOKENS.LAST_USED_AT, Times.toDb(token.lastUsedAt().orElse(null)))
                        .set(ACCESS_TOKENS.REVOKED_AT, Times.toDb(token.revokedAt().orElse(null)))
                        .execute());
    }

    @Override
    public Optional<AccessToken> findByHash(TokenHash hash) {
        return Failures.read(() -> dsl.selectFrom(ACCESS_TOKENS).where(ACCESS_TOKENS.HASH.eq(hash.hex()))
                .fetchOptional().map(JooqTokenRepository::toToken));
    }

    @Override
    public Optional<AccessToken> find(TokenId id) {
        return Failures.read(() -> dsl.selectFrom(ACCESS_TOKENS).where(ACCESS_TOKENS.ID.eq(id.value()))
                .fetchOptional().map(JooqTokenRepository::toToken));
    }

    @Override
    public List<AccessToken> listByOwner(UserId owner) {
        return Failures.read(() -> dsl.selectFrom(ACCESS_TOKENS).where(ACCESS_TOKENS.OWNER_ID.eq(owner.value()))
                .orderBy(ACCESS_TOKENS.CREATED_AT.desc(), ACCESS_TOKENS.ID.desc())
                .fetch(JooqTokenRepository::toToken));
    }

    @Override
    public boolean revoke(TokenId id, UserId owner, Instant at) {
        return Failures.guard(() -> dsl.update(ACCESS_TOKENS)
                .set(ACCESS_TOKENS.REVOKED_AT, Times.toDb(at))
                .where(ACCESS_TOKENS.ID.eq(id.value()))
                .and(ACCESS_TOKENS.OWNER_ID.eq(owner.value()))
                .and(ACCESS_TOKENS.REVOKED_AT.isNull())
                .execute() == 1);
    }

    @Override
    public int revokeForDeployment(DeploymentId deployment, Instant at) {
        return Failures.guard(() -> dsl.update(ACCESS_TOKENS)
                .set(ACCESS_TOKENS.REVOKED_AT, Times.toDb(at))
                .where(ACCESS_TOKENS.DEPLOYMENT_ID.eq(deployment.value()))
                .and(ACCESS_TOKENS.REVOKED_AT.isNull())
                .execute());
    }

    @Override
    public int revokeForOwner(UserId owner, Instant at) {
        return Failures.guard(() -> dsl.update(ACCESS_TOKENS)
                .set(ACCESS_TOKENS.REVOKED_AT, Times.toDb(at))
                .where(ACCESS_TOKENS.OWNER_ID.eq(owner.value()))
                .and(ACCESS_TOKENS.REVOKED_AT.isNull())
                .execute());
    }

    @Override
    public void touch(TokenId id, Instant at) {
        Failures.run(null, null, () -> dsl.update(ACCESS_TOKENS)
                .set(ACCESS_TOKENS.LAST_USED_AT, Times.toDb(at))
                .where(ACCESS_TOKENS.ID.eq(id.value()))
                .and(ACCESS_TOKENS.LAST_USED_AT.isNull().or(ACCESS_TOKENS.LAST_USED_AT.lt(Times.toDb(at))))
                .execute());
    }

    private static AccessToken toToken(AccessTokensRecord row) {
        return new AccessToken(new TokenId(row.getId()), new UserId(row.getOwnerId()),
                Optional.ofNullable(row.getDeploymentId()).map(DeploymentId::new), row.getName(), row.getPrefix(),
                new TokenHash(row.getHash()), Times.fromDb(row.getCreatedAt()),
                Optional.ofNullable(Times.fromDb(row.getLastUsedAt())),
                Optional.ofNullable(Times.fromDb(row.getRevokedAt())));
    }
}
