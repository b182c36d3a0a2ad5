package live.catwalk.core.account.usecase;

import java.util.Objects;
import java.util.Set;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.account.port.in.ReadSettings;
import live.catwalk.core.account.port.out.SettingsRepository;

/** Reads names only; nothing here can open a value. */
public final class ReadSettingsService implements ReadSettings {

    private final SettingsRepository settings;

    public ReadSettingsService(SettingsRepository settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Set<SettingName> setNames(Principal caller) {
        return Set.copyOf(settings.names(caller.user()));
    }
}
