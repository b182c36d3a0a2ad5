package live.catwalk.core.store;

import static live.catwalk.core.shared.domain.SettingName.FLY_API_TOKEN;
import static live.catwalk.core.shared.domain.SettingName.OPENROUTER_API_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.credential.domain.Credential;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.deployment.domain.Deployment;
import org.junit.jupiter.api.Test;

/** What every {@code SealedSecrets} does, over credentials and settings alike. */
public abstract class SealedSecretsContract extends StoreContract {

    private static final long NEW_KEY = 99;

    @Test
    void countsNothingInAnEmptyStore() {
        assertEquals(Map.of(), stores.secrets().countByKey());
    }

    @Test
    void countsTheSecretsOfEachKeyOverCredentialsAndSettings() {
        givenSecrets();

        assertEquals(Map.of(1L, 3L, 2L, 2L), stores.secrets().countByKey());
    }

    @Test
    void resealVisitsEverySecretOnceWithItsScopeAndItsSealedValue() {
        Map<SecretScope, SealedSecret> expected = givenSecrets();
        Map<SecretScope, SealedSecret> visited = new HashMap<>();

        long count = stores.secrets().resealAll((scope, sealed) -> {
            if (visited.put(scope, sealed) != null) {
                throw new AssertionError("visited twice: " + scope);
            }
            return fixtures.sealed(NEW_KEY);
        });

        assertEquals(expected, visited);
        assertEquals(expected.size(), count);
    }

    @Test
    void resealStoresEveryReplacement() {
        Map<SecretScope, SealedSecret> before = givenSecrets();
        Map<SecretScope, SealedSecret> replacements = new HashMap<>();

        stores.secrets().resealAll((scope, sealed) -> {
            SealedSecret replacement = fixtures.sealed(NEW_KEY);
            replacements.put(scope, replacement);
            return replacement;
        });

        assertEquals(replacements, stored(before));
        assertEquals(Map.of(NEW_KEY, (long) before.size()), stores.secrets().countByKey());
    }

    @Test
    void resealChangesNothingWhenTheResealerThrowsMidway() {
        Map<SecretScope, SealedSecret> before = givenSecrets();
        IllegalStateException failure = new IllegalStateException("cannot open");
        int[] calls = {0};

        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> stores.secrets().resealAll((scope, sealed) -> {
                    if (++calls[0] == 3) {
                        throw failure;
                    }
                    return fixtures.sealed(NEW_KEY);
                }));

        assertSame(failure, thrown);
        assertEquals(before, stored(before));
        assertEquals(Map.of(1L, 3L, 2L, 2L), stores.secrets().countByKey());
    }

    @Test
    void resealOfAnEmptyStoreVisitsNothing() {
        assertEquals(0, stores.secrets().resealAll((scope, sealed) -> {
            throw new AssertionError("nothing to visit");
        }));
    }

    /** Three credentials of two deployments and two settings of two users, under keys 1 (3) and 2 (2). */
    private Map<SecretScope, SealedSecret> givenSecrets() {
        User ann = givenUser("ann");
        User bob = givenUser("bob");
        Deployment weather = givenDeployment(ann.id(), "weather");
        Deployment git = givenDeployment(bob.id(), "git");
        List<Credential> ofWeather = List.of(fixtures.credential(weather.id(), "API_KEY", 1),
                fixtures.credential(weather.id(), "REGION", 2));
        Credential ofGit = fixtures.credential(git.id(), "API_KEY", 1);
        stores.credentials().replaceAll(weather.id(), ofWeather);
        stores.credentials().replaceAll(git.id(), List.of(ofGit));
        Map<SecretScope, SealedSecret> all = new HashMap<>();
        for (Credential c : List.of(ofWeather.get(0), ofWeather.get(1), ofGit)) {
            all.put(c.scope(), c.value());
        }
        all.put(setting(ann, OPENROUTER_API_KEY, 1), stores.settings().find(ann.id(), OPENROUTER_API_KEY).orElseThrow());
        all.put(setting(bob, FLY_API_TOKEN, 2), stores.settings().find(bob.id(), FLY_API_TOKEN).orElseThrow());
        return all;
    }

    private SecretScope setting(User user, SettingName name, long keyId) {
        stores.settings().put(user.id(), name, fixtures.sealed(keyId), fixtures.next());
        return new SecretScope.OfSetting(user.id(), name);
    }

    /** What the store holds now for each of these scopes. */
    private Map<SecretScope, SealedSecret> stored(Map<SecretScope, SealedSecret> scopes) {
        Map<SecretScope, SealedSecret> now = new HashMap<>();
        for (SecretScope scope : scopes.keySet()) {
            Optional<SealedSecret> value = switch (scope) {
                case SecretScope.OfCredential c -> stores.credentials().list(c.deployment()).stream()
                        .filter(cred -> cred.name().equals(c.name())).map(Credential::value).findFirst();
                case SecretScope.OfSetting s -> stores.settings().find(s.user(), s.name());
            };
            now.put(scope, value.orElseThrow(() -> new AssertionError("lost " + scope)));
        }
        return now;
    }
}
