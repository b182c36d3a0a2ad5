package live.catwalk.adapters.persistence;

import static live.catwalk.adapters.persistence.jooq.Tables.USER_SETTINGS;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.out.SettingsRepository;
import live.catwalk.core.credential.domain.SealedSecret;
import org.jooq.DSLContext;

final class JooqSettingsRepository implements SettingsRepository {

    private final DSLContext dsl;

    JooqSettingsRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void put(UserId user, SettingName name, SealedSecret value, Instant at) {
        Failures.run(null, "No user " + user + ".", () -> dsl.insertInto(USER_SETTINGS)
                .set(USER_SETTINGS.USER_ID, user.value())
                .set(USER_SETTINGS.NAME, name.wireName())
                .set(USER_SETTINGS.CIPHERTEXT, value.ciphertext())
                .set(USER_SETTINGS.KEY_ID, value.keyId())
                .set(USER_SETTINGS.UPDATED_AT, Times.toDb(at))
                .onConflict(USER_SETTINGS.USER_ID, USER_SETTINGS.NAME)
                .doUpdate()
                .set(USER_SETTINGS.CIPHERTEXT, value.ciphertext())
                .set(USER_SETTINGS.KEY_ID, value.keyId())
                .set(USER_SETTINGS.UPDATED_AT, Times.toDb(at))
                .execute());
    }

    @Override
    public Optional<SealedSecret> find(UserId user, SettingName name) {
        return Failures.read(() -> dsl.selectFrom(USER_SETTINGS)
                .where(USER_SETTINGS.USER_ID.eq(user.value()), USER_SETTINGS.NAME.eq(name.wireName()))
                .fetchOptional()
                .map(row -> new SealedSecret(row.getCiphertext(), row.getKeyId())));
    }

    @Override
    public Set<SettingName> names(UserId user) {
        return Failures.read(() -> {
            Set<SettingName> names = EnumSet.noneOf(SettingName.class);
            dsl.select(USER_SETTINGS.NAME).from(USER_SETTINGS).where(USER_SETTINGS.USER_ID.eq(user.value()))
                    .fetch(USER_SETTINGS.NAME)
                    .forEach(n -> names.add(settingName(n)));
            return names;
        });
    }

    @Override
    public boolean delete(UserId user, SettingName name) {
        return Failures.guard(() -> dsl.deleteFrom(USER_SETTINGS)
                .where(USER_SETTINGS.USER_ID.eq(user.value()), USER_SETTINGS.NAME.eq(name.wireName()))
                .execute() > 0);
    }

    static SettingName settingName(String stored) {
        return SettingName.valueOf(stored.toUpperCase(Locale.ROOT));
    }
}
