package live.catwalk.adapters.persistence;

import static live.catwalk.adapters.persistence.jooq.Tables.USERS;

import java.util.Optional;
import live.catwalk.adapters.persistence.jooq.tables.records.UsersRecord;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.domain.UserId;
import live.catwalk.core.account.port.out.UserRepository;
import org.jooq.DSLContext;

final class JooqUserRepository implements UserRepository {

    private final DSLContext dsl;

    JooqUserRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void insert(User user) {
        Failures.run("A user with this id or name exists.", null, () -> dsl.insertInto(USERS)
                .set(USERS.ID, user.id().value())
                .set(USERS.NAME, user.name())
                .set(USERS.ROLE, user.role().name())
                .set(USERS.CREATED_AT, Times.toDb(user.createdAt()))
                .execute());
    }

    @Override
    public Optional<User> find(UserId id) {
        return Failures.guard(() -> dsl.selectFrom(USERS).where(USERS.ID.eq(id.value())).fetchOptional()
                .map(JooqUserRepository::toUser));
    }

    @Override
    public Optional<User> findByName(String name) {
        return Failures.guard(() -> dsl.selectFrom(USERS).where(USERS.NAME.eq(name)).fetchOptional()
                .map(JooqUserRepository::toUser));
    }

    @Override
    public long count() {
        return Failures.guard(() -> (long) dsl.fetchCount(USERS));
    }

    private static User toUser(UsersRecord row) {
        return new User(new UserId(row.getId()), row.getName(), Role.valueOf(row.getRole()),
                Times.fromDb(row.getCreatedAt()));
    }
}
