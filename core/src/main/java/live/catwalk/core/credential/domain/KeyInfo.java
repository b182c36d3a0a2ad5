package live.catwalk.core.credential.domain;

/** One key of the vault's keyset: its id (as stored beside each sealed secret), whether it seals new secrets. */
public record KeyInfo(long id, boolean primary, KeyState state) {

    /** Whether a key still opens secrets. */
    public enum KeyState {
        ENABLED, DISABLED
    }
}
