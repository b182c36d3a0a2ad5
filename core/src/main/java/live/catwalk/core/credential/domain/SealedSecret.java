package live.catwalk.core.credential.domain;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret as stored: the cipher's output and the id of the key that made it. Opaque outside the
 * {@code SecretCipher}; safe to log only by key id.
 */
public record SealedSecret(byte[] ciphertext, long keyId) {

    public SealedSecret {
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (ciphertext.length == 0) {
            throw new IllegalArgumentException("a sealed secret is not empty");
        }
        ciphertext = ciphertext.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedSecret that && keyId == that.keyId && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(keyId) + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedSecret[key " + keyId + ", " + ciphertext.length + " bytes]";
    }
}
