package live.catwalk.core.store;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.out.SettingsRepository;
import live.catwalk.core.credential.domain.SealedSecret;

final class InMemorySettings implements SettingsRepository {

    private final InMemoryStore store;

    InMemorySettings(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void put(UserId user, SettingName name, SealedSecret value, Instant at) {
        synchronized (store.lock) {
            store.requireUser(user);
            store.settings.computeIfAbsent(user, u -> new EnumMap<>(SettingName.class)).put(name, value);
        }
    }

    @Override
    public Optional<SealedSecret> find(UserId user, SettingName name) {
        synchronized (store.lock) {
            return Optional.ofNullable(of(user).get(name));
        }
    }

    @Override
    public Set<SettingName> names(UserId user) {
        synchronized (store.lock) {
            return Set.copyOf(of(user).keySet());
        }
    }

    @Override
    public boolean delete(UserId user, SettingName name) {
        synchronized (store.lock) {
            return of(user).remove(name) != null;
        }
    }

    private Map<SettingName, SealedSecret> of(UserId user) {
        return store.settings.getOrDefault(user, new EnumMap<>(SettingName.class));
    }
}
