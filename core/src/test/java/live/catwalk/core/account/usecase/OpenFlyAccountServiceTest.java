package live.catwalk.core.account.usecase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import live.catwalk.core.account.domain.FlyAccount;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.in.UpdateSettings;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.domain.SettingName;
import org.junit.jupiter.api.Test;

/** A user's own Fly token and app, opened for the runtime: both or neither, never half. */
class OpenFlyAccountServiceTest {

    private final AccountHarness h = new AccountHarness();
    private final OpenFlyAccountService open = new OpenFlyAccountService(h.stores.settings(), h.cipher);
    private final Principal ada = h.signedIn("ada");

    private void set(SettingName name, String value) {
        h.updateSettings.update(new UpdateSettings.Command(ada, Map.of(name, Optional.of(new SecretValue(value)))));
    }

    @Test
    void neitherSettingIsNoOwnAccount() {
        assertEquals(new FlyAccount.None(), open.of(ada.user()));
    }

    @Test
    void bothSettingsAreTheUsersOwnTokenAndApp() {
        set(SettingName.FLY_API_TOKEN, "fly-ada-SECRET");
        set(SettingName.FLY_APP, "ada-mcp");

        FlyAccount.Own own = assertInstanceOf(FlyAccount.Own.class, open.of(ada.user()));

        assertEquals("fly-ada-SECRET", own.token().reveal());
        assertEquals("ada-mcp", own.app());
        assertFalse(own.toString().contains("SECRET"), own.toString());
    }

    @Test
    void aTokenWithoutAnAppIsUnusableAndSaysToSetTheApp() {
        set(SettingName.FLY_API_TOKEN, "fly-ada-SECRET");

        String reason = assertInstanceOf(FlyAccount.Unusable.class, open.of(ada.user())).reason();

        assertTrue(reason.contains("set flyApp"), reason);
        assertFalse(reason.contains("SECRET"), reason);
    }

    @Test
    void anAppWithoutATokenIsUnusableAndSaysToSetTheToken() {
        set(SettingName.FLY_APP, "ada-mcp");

        String reason = assertInstanceOf(FlyAccount.Unusable.class, open.of(ada.user())).reason();

        assertTrue(reason.contains("set flyApiToken"), reason);
    }

    @Test
    void aSettingThatDoesNotOpenIsUnusableNotAnError() {
        Principal bob = h.signedIn("bob");
        set(SettingName.FLY_API_TOKEN, "fly-ada-SECRET");
        // bob's sealed value copied into ada's row: bound to bob's scope, it does not open as ada's.
        h.stores.settings().put(ada.user(), SettingName.FLY_APP, h.cipher.seal(new SecretValue("ada-mcp"),
                new SecretScope.OfSetting(bob.user(), SettingName.FLY_APP)), h.clock.instant());

        String reason = assertInstanceOf(FlyAccount.Unusable.class, open.of(ada.user())).reason();

        assertTrue(reason.contains("could not be opened"), reason);
    }

    @Test
    void aStoredAppThatIsNoFlyAppNameIsUnusable() {
        set(SettingName.FLY_API_TOKEN, "fly-ada-SECRET");
        set(SettingName.FLY_APP, "Ada's app");

        assertInstanceOf(FlyAccount.Unusable.class, open.of(ada.user()));
    }

    @Test
    void aFlyAppNameIsLowercaseLettersDigitsAndDashesUpTo63() {
        assertTrue(FlyAccount.isAppName("catwalk-runners-2"));
        assertTrue(FlyAccount.isAppName("a".repeat(63)));
        assertFalse(FlyAccount.isAppName("a".repeat(64)));
        assertFalse(FlyAccount.isAppName(""));
        assertFalse(FlyAccount.isAppName("Catwalk"));
        assertFalse(FlyAccount.isAppName("my_app"));
        assertFalse(FlyAccount.isAppName("../machines"));
        assertFalse(FlyAccount.isAppName(null));
    }
}
