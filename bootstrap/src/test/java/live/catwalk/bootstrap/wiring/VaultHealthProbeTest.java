package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import live.catwalk.adapters.persistence.vault.TinkVault;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.credential.port.out.SecretCipher;
import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.domain.HealthStatus;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VaultHealthProbeTest {

    @TempDir
    Path temp;

    @Test
    void aWorkingKeysetIsOk() {
        ComponentHealth health = new VaultHealthProbe(TinkVault.generateOrLoad(temp.resolve("keyset.json"))).probe();

        assertEquals(HealthStatus.OK, health.status(), health.detail());
    }

    @Test
    void aKeysetThatCannotOpenWhatItSealedIsDown() {
        TinkVault vault = TinkVault.generateOrLoad(temp.resolve("keyset.json"));
        TinkVault other = TinkVault.generateOrLoad(temp.resolve("other.json"));
        SecretCipher broken = new SecretCipher() {
            @Override
            public SealedSecret seal(SecretValue value, SecretScope scope) {
                return other.seal(value, scope);
            }

            @Override
            public SecretValue open(SealedSecret sealed, SecretScope scope) {
                return vault.open(sealed, scope);
            }
        };

        ComponentHealth health = new VaultHealthProbe(broken).probe();

        assertEquals(HealthStatus.DOWN, health.status());
        assertTrue(health.detail().contains("cannot seal or open"), health.detail());
    }

    @Test
    void aCipherThatFailsIsDown() {
        SecretCipher failing = new SecretCipher() {
            @Override
            public SealedSecret seal(SecretValue value, SecretScope scope) {
                throw CatwalkException.of(CatwalkException.Kind.INTERNAL, "a secret could not be sealed");
            }

            @Override
            public SecretValue open(SealedSecret sealed, SecretScope scope) {
                throw new AssertionError("not reached");
            }
        };

        assertEquals(HealthStatus.DOWN, new VaultHealthProbe(failing).probe().status());
    }
}
