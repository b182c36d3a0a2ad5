package live.catwalk.core.credential.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.credential.domain.Credential;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.KeyInfo;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.credential.fakes.FakeKeyRing;
import live.catwalk.core.credential.fakes.FakeSecretCipher;
import live.catwalk.core.credential.port.in.DescribeKeys;
import live.catwalk.core.credential.port.in.ReplaceCredentials;
import live.catwalk.core.credential.port.in.RotateKeys;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.store.InMemoryStore;
import live.catwalk.core.store.StoreFixtures;
import live.catwalk.core.store.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sealing, opening, rotating and describing secrets through the use cases, over the fakes. */
class VaultServicesTest {

    private static final EnvVarName API_KEY = new EnvVarName("API_KEY");
    private static final EnvVarName REGION = new EnvVarName("REGION");

    private final FakeKeyRing ring = FakeKeyRing.writable();
    private final FakeSecretCipher cipher = new FakeSecretCipher(ring);
    private final Stores stores = new InMemoryStore().stores();
    private final StoreFixtures fixtures = new StoreFixtures();
    private User user;
    private Deployment deployment;

    @BeforeEach
    void givenADeployment() {
        user = fixtures.user("ada");
        stores.users().insert(user);
        deployment = stores.deployments().insert(fixtures.deployment(user.id(), "everything"));
    }

    @Test
    void replacedCredentialsAreStoredSealedAndOpenToTheSameValues() {
        replace(Map.of(API_KEY, "sk-123", REGION, "eu"));

        List<Credential> stored = stores.credentials().list(deployment.id());
        assertEquals(List.of(API_KEY, REGION), stored.stream().map(Credential::name).toList());
        assertTrue(stored.stream().noneMatch(c -> new String(c.value().ciphertext()).contains("sk-123")));
        assertEquals(Map.of(API_KEY, new SecretValue("sk-123"), REGION, new SecretValue("eu")),
                new OpenCredentialsService(cipher, stores.credentials()).open(deployment.id()));
    }

    @Test
    void replacingDropsVariablesNoLongerGiven() {
        replace(Map.of(API_KEY, "sk-123", REGION, "eu"));
        replace(Map.of(REGION, "us"));

        assertEquals(Map.of(REGION, new SecretValue("us")),
                new OpenCredentialsService(cipher, stores.credentials()).open(deployment.id()));
    }

    @Test
    void rotationResealsEveryCredentialAndSettingUnderTheNewKeyAndTheyStillOpen() {
        replace(Map.of(API_KEY, "sk-123"));
        var settingScope = new SecretScope.OfSetting(user.id(), SettingName.OPENROUTER_API_KEY);
        stores.settings().put(user.id(), SettingName.OPENROUTER_API_KEY,
                cipher.seal(new SecretValue("or-456"), settingScope), Instant.parse("2026-03-02T00:00:00Z"));
        long oldKey = primary().id();

        RotateKeys.Rotation rotation = new RotateKeysService(ring, cipher, stores.secrets()).rotate();

        assertEquals(2, rotation.resealed());
        assertEquals(primary(), rotation.newPrimary());
        assertEquals(Map.of(rotation.newPrimary().id(), 2L), stores.secrets().countByKey());
        assertEquals(Map.of(API_KEY, new SecretValue("sk-123")),
                new OpenCredentialsService(cipher, stores.credentials()).open(deployment.id()));
        assertEquals(new SecretValue("or-456"),
                cipher.open(stores.settings().find(user.id(), SettingName.OPENROUTER_API_KEY).orElseThrow(),
                        settingScope));
        List<DescribeKeys.KeyUsage> usage = new DescribeKeysService(ring, stores.secrets()).describe();
        assertEquals(List.of(0L, 2L), usage.stream().map(DescribeKeys.KeyUsage::secrets).toList());
        assertEquals(oldKey, usage.getFirst().key().id());
    }

    @Test
    void aRotationThatCannotOpenASecretChangesNoStoredSecret() {
        replace(Map.of(API_KEY, "sk-123"));
        long oldKey = primary().id();
        ring.addPrimary();
        ring.forget(oldKey);
        var before = stores.credentials().list(deployment.id());

        var e = assertThrows(CatwalkException.class,
                () -> new RotateKeysService(ring, cipher, stores.secrets()).rotate());

        assertEquals("secret_unreadable", e.code());
        assertEquals(before, stores.credentials().list(deployment.id()));
    }

    @Test
    void describingCountsSecretsUnderAKeyTheKeysetNoLongerHasAsDisabled() {
        replace(Map.of(API_KEY, "sk-123", REGION, "eu"));
        long lost = primary().id();
        ring.addPrimary();
        ring.forget(lost);

        List<DescribeKeys.KeyUsage> usage = new DescribeKeysService(ring, stores.secrets()).describe();

        DescribeKeys.KeyUsage orphan = usage.getLast();
        assertEquals(new KeyInfo(lost, false, KeyInfo.KeyState.DISABLED), orphan.key());
        assertEquals(2, orphan.secrets());
    }

    private KeyInfo primary() {
        return ring.keys().stream().filter(KeyInfo::primary).findFirst().orElseThrow();
    }

    private void replace(Map<EnvVarName, String> values) {
        var secrets = new java.util.HashMap<EnvVarName, SecretValue>();
        values.forEach((name, value) -> secrets.put(name, new SecretValue(value)));
        new ReplaceCredentialsService(cipher, stores.credentials())
                .replace(new ReplaceCredentials.Command(deployment.id(), secrets));
    }
}
