package live.catwalk.bootstrap.wiring;

import live.catwalk.adapters.persistence.vault.TinkVault;
import live.catwalk.bootstrap.config.Storage;

/** Opens the vault from the configured keyset source. */
public final class Vaults {

    private static final System.Logger LOG = System.getLogger(Vaults.class.getName());

    private Vaults() {
    }

    /** Throws {@link IllegalArgumentException} naming the problem (never the key material). */
    public static TinkVault open(Storage.Keyset keyset) {
        return switch (keyset) {
            case Storage.Keyset.Inline inline -> TinkVault.fromBase64(inline.base64());
            case Storage.Keyset.File file -> TinkVault.fromFile(file.path());
            case Storage.Keyset.Generated generated -> {
                TinkVault vault = TinkVault.generateOrLoad(generated.path());
                if (vault.generated()) {
                    LOG.log(System.Logger.Level.INFO, "Generated a new keyset for the credential vault at "
                            + generated.path() + ". Back it up: without it, stored secrets cannot be read.");
                }
                yield vault;
            }
        };
    }
}
