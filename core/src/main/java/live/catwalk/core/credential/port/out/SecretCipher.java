package live.catwalk.core.credential.port.out;

import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;

/**
 * Authenticated encryption of secrets, bound to where they belong. Thread-safe. Implementations never
 * log or put into an exception the plaintext, the ciphertext or key material.
 */
public interface SecretCipher {

    /** Seals {@code value} for {@code scope} under the current primary key. */
    SealedSecret seal(SecretValue value, SecretScope scope);

    /**
     * Opens a sealed secret; throws {@code CatwalkException} of kind INTERNAL (code {@code secret_unreadable})
     * when it was sealed for another scope, was altered, or its key is not in the keyset.
     */
    SecretValue open(SealedSecret sealed, SecretScope scope);
}
