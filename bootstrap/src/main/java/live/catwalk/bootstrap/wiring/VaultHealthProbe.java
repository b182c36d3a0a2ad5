package live.catwalk.bootstrap.wiring;

import java.util.UUID;
import live.catwalk.core.shared.domain.SettingName;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.credential.domain.SecretScope;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.credential.port.out.SecretCipher;
import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.port.out.HealthProbe;
import live.catwalk.core.shared.CatwalkException;

/** Whether the vault's keyset can seal a value and open it again; nothing is stored. */
final class VaultHealthProbe implements HealthProbe {

    private static final SecretScope PROBE = new SecretScope.OfSetting(new UserId(new UUID(0, 0)),
            SettingName.OPENROUTER_API_KEY);
    private static final SecretValue PLAIN = new SecretValue("catwalk health probe");

    private final SecretCipher cipher;

    VaultHealthProbe(SecretCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public String name() {
        return "vault";
    }

    @Override
    public ComponentHealth probe() {
        try {
            boolean same = cipher.open(cipher.seal(PLAIN, PROBE), PROBE).reveal().equals(PLAIN.reveal());
            return same ? ComponentHealth.ok("the keyset seals and opens")
                    : ComponentHealth.down("a sealed value opened to something else");
        } catch (CatwalkException e) {
            return ComponentHealth.down("the keyset cannot seal or open (" + e.code() + ")");
        }
    }
}
