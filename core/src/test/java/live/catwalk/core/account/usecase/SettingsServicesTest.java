package live.catwalk.core.account.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.account.port.in.UpdateSettings;
import live.catwalk.core.credential.domain.SealedSecret;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;
import org.junit.jupiter.api.Test;

/** Per-user secret settings: write-only, sealed under the user's scope, audited by name only. */
class SettingsServicesTest {

    private final AccountHarness h = new AccountHarness();
    private final Principal ada = h.signedIn("ada");
    private final Principal bob = h.signedIn("bob");

    private void update(Principal who, Map<SettingName, Optional<SecretValue>> changes) {
        h.updateSettings.update(new UpdateSettings.Command(who, changes));
    }

    @Test
    void aSetValueIsStoredSealedForItsUserAndOnlyItsNameIsReadable() {
        update(ada, Map.of(SettingName.OPENROUTER_API_KEY, Optional.of(new SecretValue("or-123"))));

        assertEquals(Set.of(SettingName.OPENROUTER_API_KEY), h.readSettings.setNames(ada));
        assertEquals(Set.of(), h.readSettings.setNames(bob));
        SealedSecret sealed = h.stores.settings().find(ada.user(), SettingName.OPENROUTER_API_KEY).orElseThrow();
        assertFalse(new String(sealed.ciphertext()).contains("or-123"));
        assertEquals(new SecretValue("or-123"),
                h.cipher.open(sealed, new SecretScope.OfSetting(ada.user(), SettingName.OPENROUTER_API_KEY)));
    }

    @Test
    void anEmptyValueOrAnAbsentOneClearsTheSettingAndLeavesOthersAsTheyAre() {
        update(ada, Map.of(SettingName.OPENROUTER_API_KEY, Optional.of(new SecretValue("or-123")),
                SettingName.FLY_API_TOKEN, Optional.of(new SecretValue("fly-456"))));

        update(ada, Map.of(SettingName.OPENROUTER_API_KEY, Optional.empty()));
        assertEquals(Set.of(SettingName.FLY_API_TOKEN), h.readSettings.setNames(ada));

        update(ada, Map.of(SettingName.FLY_API_TOKEN, Optional.of(new SecretValue(""))));
        assertEquals(Set.of(), h.readSettings.setNames(ada));
    }

    @Test
    void everyChangeIsAuditedByNameNeverByValue() {
        int before = h.stores.audit().recent(100).size();

        update(ada, Map.of(SettingName.FLY_API_TOKEN, Optional.of(new SecretValue("fly-456"))));
        update(ada, Map.of(SettingName.FLY_API_TOKEN, Optional.empty()));
        update(ada, Map.of(SettingName.OPENROUTER_API_KEY, Optional.empty()));

        List<AuditEntry> rows = h.stores.audit().recent(100);
        List<AuditEntry> added = rows.subList(0, rows.size() - before);
        assertEquals(2, added.size(), "clearing a setting that is not set changes nothing");
        assertEquals(List.of("cleared", "set"), added.stream().map(AuditEntry::detail).toList());
        added.forEach(a -> {
            assertEquals(AuditAction.SETTING_CHANGED, a.action());
            assertEquals(Optional.of("fly_api_token"), a.target());
            assertFalse(a.toString().contains("fly-456"));
        });
    }
}
