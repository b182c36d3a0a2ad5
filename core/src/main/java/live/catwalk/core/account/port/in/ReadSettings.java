package live.catwalk.core.account.port.in;

import java.util.Set;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.domain.SettingName;

/** Which of the caller's secret settings are set; their values are write-only and never returned. */
@FunctionalInterface
public interface ReadSettings {

    Set<SettingName> setNames(Principal caller);
}
