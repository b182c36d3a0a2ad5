package live.catwalk.core.credential.port.in;

import live.catwalk.core.credential.domain.KeyInfo;

/** Adds a new primary key to the vault and re-seals every stored secret under it. */
@FunctionalInterface
public interface RotateKeys {

    /** The new key and how many secrets were re-sealed; a failure changes no stored secret. */
    record Rotation(KeyInfo newPrimary, long resealed) {
    }

    Rotation rotate();
}
