package live.catwalk.adapters.persistence.vault;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import live.catwalk.adapters.persistence.vault.Keysets.Loaded;
import live.catwalk.core.credential.domain.KeyInfo;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.credential.port.out.KeyRing;
import live.catwalk.core.credential.port.out.SecretCipher;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.CatwalkException.Kind;

/**
 * The credential vault: Tink AEAD (AES256-GCM) bound to each secret's scope, over a keyset from an environment
 * variable (read-only) or a 0600 file (rotatable). Thread-safe. Factories throw {@link IllegalArgumentException}
 * for a bad keyset, with a message that never holds key material.
 */
public final class TinkVault implements SecretCipher, KeyRing {

    private final Path file; // null: the keyset came from the environment and cannot be rotated
    private final boolean generated;
    private final ReentrantLock writeLock = new ReentrantLock(); // not synchronized: file I/O under it
    private volatile Loaded current;

    private TinkVault(Path file, Loaded loaded, boolean generated) {
        this.file = file;
        this.current = loaded;
        this.generated = generated;
    }

    /** A read-only vault over the base64 of a Tink JSON keyset, as given in an environment variable. */
    public static TinkVault fromBase64(String keysetBase64) {
        Objects.requireNonNull(keysetBase64, "keysetBase64");
        if (keysetBase64.isBlank()) {
            throw new IllegalArgumentException("the keyset is empty");
        }
        byte[] json;
        try {
            json = Base64.getDecoder().decode(keysetBase64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the keyset is not base64 (of a Tink JSON keyset)");
        }
        return new TinkVault(null, Keysets.parse(new String(json, UTF_8), "the keyset"), false);
    }

    /** A rotatable vault over an existing keyset file of mode 0600. */
    public static TinkVault fromFile(Path keysetFile) {
        return new TinkVault(keysetFile, load(keysetFile), false);
    }

    /**
     * A new AES256-GCM keyset as Tink JSON, for an operator to store as a file or (base64-encoded) in an
     * environment variable. It is key material: the caller hands it only to its user.
     */
    public static String generateKeysetJson() {
        return Keysets.serialize(Keysets.generate().handle());
    }

    /** {@link #fromFile} if the file exists, else a fresh AES256-GCM keyset written there with mode 0600. */
    public static TinkVault generateOrLoad(Path keysetFile) {
        if (Files.exists(keysetFile)) {
            return fromFile(keysetFile);
        }
        Loaded fresh = Keysets.generate();
        try {
            if (KeysetFile.createNew(keysetFile, Keysets.serialize(fresh.handle()))) {
                return new TinkVault(keysetFile, fresh, true);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write keyset file " + keysetFile + " (" + e + ")");
        }
        return fromFile(keysetFile); // another process created it meanwhile
    }

    /** Whether {@link #generateOrLoad} created the keyset file in this call. */
    public boolean generated() {
        return generated;
    }

    @Override
    public SealedSecret seal(SecretValue value, SecretScope scope) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(scope, "scope");
        try {
            byte[] ciphertext = current.aead().encrypt(value.reveal().getBytes(UTF_8), scope.associatedData());
            return new SealedSecret(ciphertext, Keysets.keyIdOf(ciphertext));
        } catch (GeneralSecurityException e) {
            throw CatwalkException.of(Kind.INTERNAL, "a secret could not be sealed").withCause(e);
        }
    }

    @Override
    public SecretValue open(SealedSecret sealed, SecretScope scope) {
        Objects.requireNonNull(sealed, "sealed");
        Objects.requireNonNull(scope, "scope");
        byte[] ciphertext = sealed.ciphertext();
        Loaded keys = current;
        if (file != null && ciphertext.length >= Keysets.PREFIX_LENGTH
                && !keys.has(Keysets.keyIdOf(ciphertext))) {
            keys = reloadFor(Keysets.keyIdOf(ciphertext), sealed);
        }
        try {
            return new SecretValue(new String(keys.aead().decrypt(ciphertext, scope.associatedData()), UTF_8));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw unreadable(sealed, e);
        }
    }

    /** Another process may have rotated the file: re-read it once, unless another thread just did. */
    private Loaded reloadFor(long keyId, SealedSecret sealed) {
        writeLock.lock();
        try {
            if (!current.has(keyId)) {
                current = load(file);
            }
            return current;
        } catch (IllegalArgumentException e) {
            throw unreadable(sealed, e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public List<KeyInfo> keys() {
        var handle = current.handle();
        List<KeyInfo> keys = new ArrayList<>(handle.size());
        for (int i = 0; i < handle.size(); i++) {
            keys.add(Keysets.info(handle.getAt(i)));
        }
        return List.copyOf(keys);
    }

    @Override
    public KeyInfo addPrimary() {
        if (file == null) {
            throw CatwalkException.invalidInput("CATWALK_KEYSET", "the keyset was given in an environment variable, "
                            + "so it cannot be rotated", "move the keyset into a file (CATWALK_KEYSET_FILE) to rotate keys")
                    .withCode("keyset_read_only");
        }
        writeLock.lock();
        try {
            // Start from the file, not memory, so a rotation by another process is kept.
            Loaded next = Keysets.withNewPrimary(load(file).handle());
            KeysetFile.replace(file, Keysets.serialize(next.handle()));
            current = next;
            return Keysets.info(next.handle().getPrimary());
        } catch (IOException | IllegalArgumentException e) {
            throw CatwalkException.invalidInput("CATWALK_KEYSET_FILE", "the keyset file could not be rotated: "
                            + e.getMessage(), "check that " + file + " is a private (0600), writable keyset file")
                    .withCode("keyset_unwritable").withCause(e);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public String toString() {
        var handle = current.handle();
        return "TinkVault[" + (file == null ? "environment" : "file " + file) + ", " + handle.size()
                + (handle.size() == 1 ? " key" : " keys") + ", primary "
                + Integer.toUnsignedLong(handle.getPrimary().getId()) + "]";
    }

    private static Loaded load(Path keysetFile) {
        Objects.requireNonNull(keysetFile, "keysetFile");
        String json;
        try {
            json = KeysetFile.read(keysetFile);
        } catch (IOException e) {
            throw new IllegalArgumentException(KeysetFile.isMissing(e)
                    ? "keyset file " + keysetFile + " does not exist"
                    : "cannot read keyset file " + keysetFile + " (" + e.getClass().getSimpleName() + ")");
        }
        return Keysets.parse(json, "keyset file " + keysetFile);
    }

    private static CatwalkException unreadable(SealedSecret sealed, Exception cause) {
        return CatwalkException.of(Kind.INTERNAL, "a secret sealed under key " + sealed.keyId() + " could not be opened")
                .withCode("secret_unreadable").withCause(cause);
    }
}
