package live.catwalk.core.account.usecase;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.in.UpdateSettings;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.SettingsRepository;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.port.out.SecretCipher;

/**
 * Seals every new value before storing any, so a sealing failure changes nothing; an empty string clears
 * like an absent value. Each actual change leaves one audit row naming the setting, never its value.
 */
public final class UpdateSettingsService implements UpdateSettings {

    private final SettingsRepository settings;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    public UpdateSettingsService(SettingsRepository settings, SecretCipher cipher, AuditLog audit, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void update(Command command) {
        UserId user = command.caller().user();
        Map<SettingName, Optional<SealedSecret>> sealed = new EnumMap<>(SettingName.class);
        new TreeMap<>(command.changes()).forEach((name, value) -> sealed.put(name, value
                .filter(v -> !v.reveal().isEmpty())
                .map(v -> cipher.seal(v, new SecretScope.OfSetting(user, name)))));
        Instant now = clock.instant();
        sealed.forEach((name, value) -> {
            if (value.isPresent()) {
                settings.put(user, name, value.get(), now);
                changed(user, name, "set", now);
            } else if (settings.delete(user, name)) {
                changed(user, name, "cleared", now);
            }
        });
    }

    private void changed(UserId user, SettingName name, String what, Instant now) {
        audit.record(new AuditEntry(now, AuditAction.SETTING_CHANGED, Optional.of(user), Optional.of(name.wireName()),
                what));
    }
}
