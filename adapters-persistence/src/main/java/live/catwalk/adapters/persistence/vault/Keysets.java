package live.catwalk.adapters.persistence.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AeadKey;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.security.GeneralSecurityException;
import live.catwalk.core.credential.domain.KeyInfo;

/** Tink keyset handling for the vault: parse and check, serialise, generate, rotate. Messages never hold key material. */
final class Keysets {

    static {
        // Mandatory in Tink 1.24 even to parse a keyset and get a primitive (stack.md §E); idempotent.
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Length of Tink's output prefix: one version byte and the 4-byte big-endian key id. */
    static final int PREFIX_LENGTH = 5;

    private Keysets() {
    }

    /** A keyset that can seal and open, and the AEAD built from it. */
    record Loaded(KeysetHandle handle, Aead aead) {

        static Loaded of(KeysetHandle handle, String source) {
            try {
                return new Loaded(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException(source + " cannot be used for AEAD");
            }
        }

        boolean has(long keyId) {
            for (int i = 0; i < handle.size(); i++) {
                if (Integer.toUnsignedLong(handle.getAt(i).getId()) == keyId) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Parses a cleartext JSON keyset and checks it holds only prefixed AEAD keys and a primary. */
    static Loaded parse(String json, String source) {
        KeysetHandle handle;
        try {
            handle = TinkJsonProtoKeysetFormat.parseKeyset(json, RegistryConfiguration.get(),
                    InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            // No cause attached: parser messages may quote the input, which is key material.
            throw new IllegalArgumentException(source + " is not a Tink JSON keyset");
        }
        if (handle.size() == 0) {
            throw new IllegalArgumentException(source + " has no keys");
        }
        for (int i = 0; i < handle.size(); i++) {
            KeysetHandle.Entry entry = handle.getAt(i);
            long id = Integer.toUnsignedLong(entry.getId());
            if (!(entry.getKey() instanceof AeadKey key)) {
                throw new IllegalArgumentException(source + ": key " + id + " is not an AEAD key");
            }
            if (!key.getParameters().hasIdRequirement()) {
                throw new IllegalArgumentException(source + ": key " + id + " has no key-id prefix (use TINK output)");
            }
        }
        try {
            handle.getPrimary();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(source + " has no primary key");
        }
        return Loaded.of(handle, source);
    }

    static String serialize(KeysetHandle handle) {
        try {
            return TinkJsonProtoKeysetFormat.serializeKeyset(handle, RegistryConfiguration.get(),
                    InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the keyset could not be serialised", e);
        }
    }

    static Loaded generate() {
        try {
            return Loaded.of(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, RegistryConfiguration.get()),
                    "the generated keyset");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate an AES256-GCM keyset", e);
        }
    }

    /** {@code base} plus a fresh AES256-GCM key as primary; the other keys keep their status. */
    static Loaded withNewPrimary(KeysetHandle base) {
        try {
            KeysetHandle next = KeysetHandle.newBuilder(base)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
            return Loaded.of(next, "the rotated keyset");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not add a key to the keyset", e);
        }
    }

    static KeyInfo info(KeysetHandle.Entry entry) {
        KeyInfo.KeyState state = entry.getStatus() == KeyStatus.ENABLED
                ? KeyInfo.KeyState.ENABLED : KeyInfo.KeyState.DISABLED;
        return new KeyInfo(Integer.toUnsignedLong(entry.getId()), entry.isPrimary(), state);
    }

    /** The key id in a ciphertext's prefix (bytes 1..4, big-endian, unsigned); the caller checks the length. */
    static long keyIdOf(byte[] ciphertext) {
        return ((ciphertext[1] & 0xFFL) << 24) | ((ciphertext[2] & 0xFFL) << 16)
                | ((ciphertext[3] & 0xFFL) << 8) | (ciphertext[4] & 0xFFL);
    }
}
