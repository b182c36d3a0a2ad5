package live.catwalk.core.credential.port.out;

import java.util.Map;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.credential.domain.SecretScope;

/**
 * Every sealed secret in the store (credentials and settings alike), for key rotation and key status.
 * Thread-safe.
 */
public interface SealedSecrets {

    /** Gives a secret's replacement; may throw, which aborts the whole {@link #resealAll}. */
    @FunctionalInterface
    interface Resealer {
        SealedSecret reseal(SecretScope scope, SealedSecret sealed);
    }

    /** How many secrets each key id protects; a key that protects none is absent. */
    Map<Long, Long> countByKey();

    /**
     * Replaces every sealed secret with what {@code resealer} returns for it, called once per secret (in no
     * set order) with its scope ({@link SecretScope.OfCredential} or {@link SecretScope.OfSetting}), in one
     * transaction: if any call throws, nothing is changed and that exception propagates. Returns how many
     * secrets were visited.
     */
    long resealAll(Resealer resealer);
}
