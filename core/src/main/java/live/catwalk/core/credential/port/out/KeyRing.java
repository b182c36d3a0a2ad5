package live.catwalk.core.credential.port.out;

import java.util.List;
import live.catwalk.core.credential.domain.KeyInfo;

/** The vault's keyset: which keys exist, and adding a new primary key. */
public interface KeyRing {

    /** Every key, the primary among them. */
    List<KeyInfo> keys();

    /**
     * Adds a fresh key, makes it primary and stores the keyset durably before returning; older keys stay
     * enabled, so what they sealed still opens. Throws {@code CatwalkException} (INVALID_INPUT) when the
     * keyset cannot be written, e.g. because it was given in an environment variable.
     */
    KeyInfo addPrimary();
}
