package live.catwalk.core.store;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.credential.domain.Credential;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.port.out.SealedSecrets;
import live.catwalk.core.shared.domain.DeploymentId;

final class InMemorySealedSecrets implements SealedSecrets {

    private final InMemoryStore store;

    InMemorySealedSecrets(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public Map<Long, Long> countByKey() {
        synchronized (store.lock) {
            return Stream.concat(store.credentials.values().stream().flatMap(List::stream).map(Credential::value),
                            store.settings.values().stream().flatMap(s -> s.values().stream()))
                    .collect(Collectors.groupingBy(SealedSecret::keyId, Collectors.counting()));
        }
    }

    @Override
    public long resealAll(Resealer resealer) {
        synchronized (store.lock) {
            // every replacement is made before any is stored, so a throwing resealer changes nothing
            Map<DeploymentId, List<Credential>> credentials = new HashMap<>();
            store.credentials.forEach((deployment, list) -> credentials.put(deployment, list.stream()
                    .map(c -> new Credential(deployment, c.name(), resealer.reseal(c.scope(), c.value())))
                    .toList()));
            Map<UserId, Map<SettingName, SealedSecret>> settings = new HashMap<>();
            store.settings.forEach((user, values) -> {
                Map<SettingName, SealedSecret> resealed = new EnumMap<>(SettingName.class);
                values.forEach((name, sealed) ->
                        resealed.put(name, resealer.reseal(new SecretScope.OfSetting(user, name), sealed)));
                settings.put(user, resealed);
            });
            store.credentials.putAll(credentials);
            store.settings.putAll(settings);
            return credentials.values().stream().mapToLong(List::size).sum()
                    + settings.values().stream().mapToLong(Map::size).sum();
        }
    }
}
