package live.catwalk.core.account.port.out;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.credential.domain.SealedSecret;

/** Users' secret settings, stored sealed. Thread-safe. */
public interface SettingsRepository {

    /** Sets (inserts or replaces) a setting as of {@code at}; the user must exist (else NOT_FOUND). */
    void put(UserId user, SettingName name, SealedSecret value, Instant at);

    /** The setting's sealed value; empty if it is not set or the user does not exist. */
    Optional<SealedSecret> find(UserId user, SettingName name);

    /** Which settings the user has set; empty if none or the user does not exist. */
    Set<SettingName> names(UserId user);

    /** Clears a setting; false if it was not set. */
    boolean delete(UserId user, SettingName name);
}
