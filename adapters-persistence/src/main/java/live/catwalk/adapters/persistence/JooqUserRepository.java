package live.catwalk.adapters.persistence;

import static live.catwalk.adapters.persistence.jooq.Tables.USERS;

import java.util.List;
import java.util.Optional;
import live.catwalk.adapters.persistence.jooq.tables.records.UsersRecord;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
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
                .set(USERS.DISABLED, user.disabled())
                .execute());
    }

    @Override
    public Optional<User> find(UserId id) {
        return Failures.read(() -> dsl.selectFrom(USERS).where(USERS.ID.eq(id.value())).fetchOptional()
                .map(JooqUserRepository::toUser));
    }

    @Override
    public Optional<User> findByName(String name) {
        return Failures.read(() -> dsl.selectFrom(USERS).where(USERS.NAME.eq(name)).fetchOptional()
                .map(JooqUserRepository::toUser));
    }

    @Override
    public long count() {
        return Failures.guard(() -> (long) dsl.fetchCount(USERS));
    }

    @Override
    public List<User> list(int offset, int limit) {
        Limits.check(limit, 500);
        if (offset < 0) {
            throw new IllegalArgumentException("an offset is not negative");
        }
        return Failures.read(() -> dsl.selectFrom(USERS).orderBy(USERS.CREATED_AT.asc(), USERS.ID.asc())
                .offset(offset).limit(limit).fetch(JooqUserRepository::toUser));
    }

    @Override
    public boolean setDisabled(UserId id, boolean disabled) {
        return Failures.guard(() -> dsl.update(USERS).set(USERS.DISABLED, disabled)
                .where(USERS.ID.eq(id.value())).execute() == 1);
    }

    private static User toUser(UsersRecord row) {
        return new User(new UserId(row.getId()), row.getName(), Role.valueOf(row.getRole()),
                Times.fromDb(row.getCreatedAt()), Boolean.TRUE.equals(row.getDisabled()));
    }
}
