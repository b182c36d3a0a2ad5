package live.catwalk.core.credential.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;

class FakeSecretCipherTest {

    private static final SecretScope SCOPE =
            new SecretScope.OfCredential(new DeploymentId("dep-1"), new EnvVarName("API_KEY"));

    private final FakeKeyRing ring = FakeKeyRing.writable();
    private final FakeSecretCipher cipher = new FakeSecretCipher(ring);

    @Test
    void refusesAWrongScopeOrAnAlteredCiphertext() {
        SealedSecret sealed = cipher.seal(new SecretValue("hunter2"), SCOPE);

        assertEquals("hunter2", cipher.open(sealed, SCOPE).reveal());
        assertFalse(new String(sealed.ciphertext(), StandardCharsets.UTF_8).contains("hunter2"));
        assertUnreadable(() -> cipher.open(sealed, new SecretScope.OfCredential(new DeploymentId("dep-2"),
                new EnvVarName("API_KEY"))));
        assertUnreadable(() -> cipher.open(sealed, new SecretScope.OfSetting(new UserId(UUID.randomUUID()),
                SettingName.FLY_API_TOKEN)));
        assertUnreadable(() -> cipher.open(new SealedSecret(sealed.ciphertext(), 2), SCOPE));
        assertUnreadable(() -> cipher.open(new SealedSecret(new byte[] {1}, 1), SCOPE));
    }

    @Test
    void sealsUnderTheNewPrimaryAndStillOpensOldSecretsAfterRotation() {
        SealedSecret old = cipher.seal(new SecretValue("hunter2"), SCOPE);

        long added = ring.addPrimary().id();
        SealedSecret fresh = cipher.seal(new SecretValue("hunter2"), SCOPE);

        assertEquals(1, old.keyId());
        assertEquals(2, added);
        assertEquals(added, fresh.keyId());
        assertEquals("hunter2", cipher.open(old, SCOPE).reveal());
        assertEquals("hunter2", cipher.open(fresh, SCOPE).reveal());

        ring.forget(1);
        assertUnreadable(() -> cipher.open(old, SCOPE));
    }

    @Test
    void aReadOnlyRingRefusesToRotate() {
        CatwalkException e = assertThrows(CatwalkException.class, FakeKeyRing.readOnly()::addPrimary);
        assertEquals("keyset_read_only", e.code());
    }

    private static void assertUnreadable(Runnable open) {
        CatwalkException e = assertThrows(CatwalkException.class, open::run);
        assertEquals(CatwalkException.Kind.INTERNAL, e.kind());
        assertEquals("secret_unreadable", e.code());
    }
}
