package live.catwalk.adapters.persistence.vault;

import static live.catwalk.adapters.persistence.vault.Scopes.ALICE;
import static live.catwalk.adapters.persistence.vault.Scopes.BOB;
import static live.catwalk.adapters.persistence.vault.Scopes.credential;
import static live.catwalk.adapters.persistence.vault.Scopes.setting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.credential.domain.KeyInfo;
import live.catwalk.core.credential.domain.KeyInfo.KeyState;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinkVaultTest {

    private static final String PLAINTEXT = "sk-live-very-secret-0123456789";
    private static final SecretScope SCOPE = credential("dep-1", "API_KEY");

    @TempDir
    Path dir;
    private TinkVault vault;

    @BeforeEach
    void generate() {
        vault = TinkVault.generateOrLoad(dir.resolve("keyset.json"));
    }

    @Test
    void opensWhatItSealed() {
        SealedSecret sealed = vault.seal(new SecretValue(PLAINTEXT), SCOPE);

        assertEquals(PLAINTEXT, vault.open(sealed, SCOPE).reveal());
        assertEquals(vault.keys().getFirst().id(), sealed.keyId());
        assertEquals(PLAINTEXT.length() + 33, sealed.ciphertext().length);
    }

    @Test
    void refusesACredentialOpenedUnderAnotherDeploymentOrVariable() {
        SealedSecret sealed = vault.seal(new SecretValue(PLAINTEXT), SCOPE);

        assertUnreadable(() -> vault.open(sealed, credential("dep-2", "API_KEY")));
        assertUnreadable(() -> vault.open(sealed, credential("dep-1", "OTHER_KEY")));
    }

    @Test
    void refusesASettingOpenedForAnotherUserOrSetting() {
        SecretScope alices = setting(ALICE, SettingName.OPENROUTER_API_KEY);
        SealedSecret sealed = vault.seal(new SecretValue(PLAINTEXT), alices);

        assertEquals(PLAINTEXT, vault.open(sealed, alices).reveal());
        assertUnreadable(() -> vault.open(sealed, setting(BOB, SettingName.OPENROUTER_API_KEY)));
        assertUnreadable(() -> vault.open(sealed, setting(ALICE, SettingName.FLY_API_TOKEN)));
    }

    @Test
    void refusesACiphertextWithAFlippedByte() {
        SealedSecret sealed = vault.seal(new SecretValue(PLAINTEXT), SCOPE);
        for (int at : new int[] {0, 3, 10, sealed.ciphertext().length - 1}) {
            byte[] bytes = sealed.ciphertext();
            bytes[at] ^= 0x01;
            assertUnreadable(() -> vault.open(new SealedSecret(bytes, sealed.keyId()), SCOPE));
        }
    }

    @Test
    void keepsOpeningOldSecretsAfterAddingAPrimary() {
        SealedSecret old = vault.seal(new SecretValue(PLAINTEXT), SCOPE);
        long oldKey = old.keyId();

        KeyInfo added = vault.addPrimary();
        SealedSecret fresh = vault.seal(new SecretValue(PLAINTEXT), SCOPE);

        assertNotEquals(oldKey, added.id());
        assertEquals(new KeyInfo(added.id(), true, KeyState.ENABLED), added);
        assertEquals(added.id(), fresh.keyId());
        assertEquals(PLAINTEXT, vault.open(old, SCOPE).reveal());
        assertEquals(PLAINTEXT, vault.open(fresh, SCOPE).reveal());
        assertEquals(List.of(new KeyInfo(oldKey, false, KeyState.ENABLED), added), vault.keys());
    }

    @Test
    void seesARotationDoneByAnotherVaultOnTheSameFile() {
        TinkVault other = TinkVault.fromFile(dir.resolve("keyset.json"));
        other.addPrimary();
        SealedSecret byOther = other.seal(new SecretValue(PLAINTEXT), SCOPE);

        assertEquals(PLAINTEXT, vault.open(byOther, SCOPE).reveal());
        assertEquals(other.keys(), vault.keys());
    }

    @Test
    void keepsARotationDoneByAnotherVaultWhenRotatingItself() {
        TinkVault other = TinkVault.fromFile(dir.resolve("keyset.json"));
        long othersKey = other.addPrimary().id();
        SealedSecret byOther = other.seal(new SecretValue(PLAINTEXT), SCOPE);

        vault.addPrimary();

        assertEquals(3, vault.keys().size());
        assertTrue(vault.keys().stream().anyMatch(k -> k.id() == othersKey && !k.primary()));
        assertEquals(PLAINTEXT, TinkVault.fromFile(dir.resolve("keyset.json")).open(byOther, SCOPE).reveal());
    }

    @Test
    void serialisesConcurrentRotationsWithoutLosingAKey() throws Exception {
        SealedSecret old = vault.seal(new SecretValue(PLAINTEXT), SCOPE);
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<KeyInfo>> added = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                added.add(threads.submit(vault::addPrimary));
            }
            for (Future<KeyInfo> f : added) {
                f.get();
            }
        }

        assertEquals(9, vault.keys().size());
        assertEquals(1, vault.keys().stream().filter(KeyInfo::primary).count());
        assertEquals(vault.keys(), TinkVault.fromFile(dir.resolve("keyset.json")).keys());
        assertEquals(PLAINTEXT, vault.open(old, SCOPE).reveal());
    }

    @Test
    void refusesAKeyIdNoKeysetHas() {
        TinkVault stranger = TinkVault.generateOrLoad(dir.resolve("other/keyset.json"));
        SealedSecret foreign = stranger.seal(new SecretValue(PLAINTEXT), SCOPE);

        assertUnreadable(() -> vault.open(foreign, SCOPE));
        assertUnreadable(() -> vault.open(new SealedSecret(new byte[] {1, 2}, 7), SCOPE));
    }

    @Test
    void neverPutsThePlaintextIntoAnErrorOrItsToString() {
        SealedSecret sealed = vault.seal(new SecretValue(PLAINTEXT), SCOPE);

        CatwalkException e = assertUnreadable(() -> vault.open(sealed, credential("dep-2", "API_KEY")));
        assertFalse(e.getMessage().contains(PLAINTEXT));
        assertFalse(e.getMessage().contains("dep-2"));
        assertFalse(vault.toString().contains(PLAINTEXT));
        assertTrue(vault.toString().matches("TinkVault\\[file .*keyset\\.json, 1 key, primary \\d+]"),
                vault.toString());
    }

    private static CatwalkException assertUnreadable(Runnable open) {
        CatwalkException e = assertThrows(CatwalkException.class, open::run);
        assertEquals(CatwalkException.Kind.INTERNAL, e.kind());
        assertEquals("secret_unreadable", e.code());
        return e;
    }
}
