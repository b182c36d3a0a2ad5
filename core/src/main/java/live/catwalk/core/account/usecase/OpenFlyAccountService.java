package live.catwalk.core.account.usecase;

import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.FlyAccount;
import live.catwalk.core.account.port.in.OpenFlyAccount;
import live.catwalk.core.account.port.out.SettingsRepository;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.credential.port.out.SecretCipher;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.shared.domain.UserId;

/** Both settings or neither; one alone, or one that does not open, is unusable with the fix as reason. */
public final class OpenFlyAccountService implements OpenFlyAccount {

    private final SettingsRepository settings;
    private final SecretCipher cipher;

    public OpenFlyAccountService(SettingsRepository settings, SecretCipher cipher) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
    }

    @Override
    public FlyAccount of(UserId user) {
        Optional<SecretValue> token;
        Optional<SecretValue> app;
        try {
            token = open(user, SettingName.FLY_API_TOKEN);
            app = open(user, SettingName.FLY_APP);
        } catch (CatwalkException e) {
            if (e.kind() != CatwalkException.Kind.INTERNAL) {
                throw e;
            }
            return new FlyAccount.Unusable("your Fly settings could not be opened (" + e.code()
                    + "): set flyApiToken and flyApp again in your settings");
        }
        if (token.isEmpty() && app.isEmpty()) {
            return new FlyAccount.None();
        }
        if (app.isEmpty()) {
            return new FlyAccount.Unusable("your own Fly token is set but your Fly app is not: set flyApp in your "
                    + "settings to the Fly app your deployments should run in, or clear flyApiToken to run them "
                    + "where this Catwalk runs deployments");
        }
        if (token.isEmpty()) {
            return new FlyAccount.Unusable("your Fly app is set but your own Fly token is not: set flyApiToken in "
                    + "your settings to a deploy token of that app (fly tokens create deploy -a <app>), or clear "
                    + "flyApp to run them where this Catwalk runs deployments");
        }
        if (!FlyAccount.isAppName(app.get().reveal())) {
            return new FlyAccount.Unusable("your flyApp setting is not a Fly app name: set it again");
        }
        return new FlyAccount.Own(token.get(), app.get().reveal());
    }

    private Optional<SecretValue> open(UserId user, SettingName name) {
        return settings.find(user, name).map(sealed -> cipher.open(sealed, new SecretScope.OfSetting(user, name)))
                .filter(v -> !v.reveal().isBlank());
    }
}
