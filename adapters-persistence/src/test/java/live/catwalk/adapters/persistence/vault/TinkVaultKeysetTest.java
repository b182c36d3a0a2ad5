package live.catwalk.adapters.persistence.vault;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.mac.MacConfig;
import com.google.crypto.tink.mac.PredefinedMacParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinkVaultKeysetTest {

    private static final SecretScope SCOPE = Scopes.credential("dep-1", "API_KEY");

    @TempDir
    Path dir;

    @Test
    void generatesAPrivateKeysetFileOnceAndReloadsTheSameKeys() throws Exception {
        Path file = dir.resolve("state/vault/keyset.json");

        TinkVault first = TinkVault.generateOrLoad(file);
        TinkVault again = TinkVault.generateOrLoad(file);

        assertTrue(first.generated());
        assertFalse(again.generated());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first.keys(), again.keys());
        assertEquals(first.keys(), TinkVault.fromFile(file).keys());
        try (var left = Files.list(file.getParent())) {
            assertEquals(1, left.count(), "no temp file is left behind");
        }
    }

    @Test
    void writesARotatedKeysetPrivatelyAndReloadsIt() throws Exception {
        Path file = dir.resolve("keyset.json");
        TinkVault vault = TinkVault.generateOrLoad(file);

        vault.addPrimary();

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(vault.keys(), TinkVault.fromFile(file).keys());
        assertEquals(2, vault.keys().size());
    }

    @Test
    void refusesToRotateAKeysetFromTheEnvironment() throws Exception {
        String base64 = base64OfFreshKeyset();
        TinkVault vault = TinkVault.fromBase64(base64);
        var sealed = vault.seal(new SecretValue("hunter2"), SCOPE);

        CatwalkException e = assertThrows(CatwalkException.class, vault::addPrimary);

        assertEquals(CatwalkException.Kind.INVALID_INPUT, e.kind());
        assertEquals("keyset_read_only", e.code());
        assertTrue(e.hint().orElseThrow().contains("CATWALK_KEYSET_FILE"));
        assertEquals("hunter2", vault.open(sealed, SCOPE).reveal());
        assertTrue(vault.toString().startsWith("TinkVault[environment, 1 key, primary "), vault.toString());
        assertFalse(vault.toString().contains(base64));
        assertFalse(e.getMessage().contains(base64));
    }

    @Test
    void refusesAKeysetFileOthersCanRead() throws Exception {
        Path file = dir.resolve("keyset.json");
        TinkVault.generateOrLoad(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        var e = assertThrows(IllegalArgumentException.class, () -> TinkVault.fromFile(file));
        assertTrue(e.getMessage().contains("chmod 600 " + file), e.getMessage());
        assertTrue(e.getMessage().contains("0644"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TinkVault.generateOrLoad(file));
    }

    @Test
    void refusesAMissingKeysetFile() {
        var e = assertThrows(IllegalArgumentException.class, () -> TinkVault.fromFile(dir.resolve("nope.json")));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void refusesGarbageWithoutEchoingIt() {
        String notBase64 = "this is !!! not base64 secret-ish";
        String notAKeyset = Base64.getEncoder().encodeToString("{\"primaryKeyId\": \"s3cr3t-json\"".getBytes(UTF_8));

        assertRefusedWithout(notBase64, "not base64");
        assertRefusedWithout(notAKeyset, "not a Tink JSON keyset");
        assertRefusedWithout(Base64.getEncoder().encodeToString("s3cr3t plain text".getBytes(UTF_8)),
                "not a Tink JSON keyset");
    }

    @Test
    void refusesAKeysetWithoutAPrimary() throws Exception {
        String json = new String(Base64.getDecoder().decode(base64OfFreshKeyset()), UTF_8)
                .replaceFirst("\"primaryKeyId\":\\s*\\d+,?", "");
        String base64 = Base64.getEncoder().encodeToString(json.getBytes(UTF_8));

        var e = assertThrows(IllegalArgumentException.class, () -> TinkVault.fromBase64(base64));
        assertFalse(e.getMessage().contains(base64));
        assertTrue(e.getMessage().contains("primary") || e.getMessage().contains("not a Tink"), e.getMessage());
    }

    @Test
    void refusesAKeysetOfMacKeys() throws Exception {
        MacConfig.register();
        KeysetHandle mac = KeysetHandle.generateNew(PredefinedMacParameters.HMAC_SHA256_128BITTAG,
                RegistryConfiguration.get());
        String base64 = Base64.getEncoder().encodeToString(
                TinkJsonProtoKeysetFormat.serializeKeyset(mac, RegistryConfiguration.get(), InsecureSecretKeyAccess.get()).getBytes(UTF_8));

        var e = assertThrows(IllegalArgumentException.class, () -> TinkVault.fromBase64(base64));
        assertTrue(e.getMessage().contains("is not an AEAD key"), e.getMessage());
        assertFalse(e.getMessage().contains(base64));
    }

    @Test
    void readsAKeysetFileWrittenForTheEnvironment() throws Exception {
        Path file = dir.resolve("keyset.json");
        TinkVault vault = TinkVault.generateOrLoad(file);
        String base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(file));

        assertEquals(vault.keys(), TinkVault.fromBase64(base64).keys());
        assertEquals(vault.keys(), TinkVault.fromBase64(base64.substring(0, 20) + "\n" + base64.substring(20)).keys());
    }

    @Test
    void generatesAFreshKeysetAsJsonThatAVaultAccepts() throws Exception {
        String json = TinkVault.generateKeysetJson();
        Path file = dir.resolve("generated.json");
        Files.writeString(file, json);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        TinkVault vault = TinkVault.fromFile(file);
        assertEquals(1, vault.keys().size());
        assertEquals(vault.keys(), TinkVault.fromBase64(Base64.getEncoder().encodeToString(json.getBytes(UTF_8))).keys());
        assertFalse(json.equals(TinkVault.generateKeysetJson()), "each call makes new key material");
    }

    private static void assertRefusedWithout(String input, String expected) {
        var e = assertThrows(IllegalArgumentException.class, () -> TinkVault.fromBase64(input));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains(input), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
        assertEquals(null, e.getCause());
    }

    private String base64OfFreshKeyset() throws Exception {
        Path file = dir.resolve("fresh-" + System.nanoTime() + ".json");
        TinkVault.generateOrLoad(file);
        return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
    }
}
