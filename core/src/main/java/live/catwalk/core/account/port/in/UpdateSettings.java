package live.catwalk.core.account.port.in;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.credential.domain.SecretValue;

/**
 * Seals and stores (or, for an empty value, clears) the caller's secret settings; one SETTING_CHANGED audit
 * row per setting actually set or cleared, naming it, never its value.
 */
@FunctionalInterface
public interface UpdateSettings {

    /** The settings to change: a value sets it, an empty Optional or an empty string clears it; others stay as they are. */
    record Command(Principal caller, Map<SettingName, Optional<SecretValue>> changes) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            changes = Map.copyOf(changes);
        }
    }

    void update(Command command);
}
