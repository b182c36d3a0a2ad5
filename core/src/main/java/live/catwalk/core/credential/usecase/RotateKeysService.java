package live.catwalk.core.credential.usecase;

import java.util.Objects;
import live.catwalk.core.credential.domain.KeyInfo;
import live.catwalk.core.credential.port.in.RotateKeys;
import live.catwalk.core.credential.port.out.KeyRing;
import live.catwalk.core.credential.port.out.SealedSecrets;
import live.catwalk.core.credential.port.out.SecretCipher;

/**
 * The keyset is written first (with the old keys still enabled), then every secret is re-sealed in one
 * transaction; if that fails, the old ciphertexts still open and a second run finishes the job.
 */
public final class RotateKeysService implements RotateKeys {

    private final KeyRing keyRing;
    private final SecretCipher cipher;
    private final SealedSecrets secrets;

    public RotateKeysService(KeyRing keyRing, SecretCipher cipher, SealedSecrets secrets) {
        this.keyRing = Objects.requireNonNull(keyRing, "keyRing");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
    }

    @Override
    public Rotation rotate() {
        KeyInfo added = keyRing.addPrimary();
        long resealed = secrets.resealAll((scope, sealed) -> cipher.seal(cipher.open(sealed, scope), scope));
        return new Rotation(added, resealed);
    }
}
