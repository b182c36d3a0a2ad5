package live.catwalk.bootstrap.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.adapters.persistence.DatabaseUrl;

/**
 * Where Catwalk keeps its state: the database (PostgreSQL from {@code DATABASE_URL}, else H2 under
 * {@code home}), its pool size, where the vault's keyset comes from, and where the first admin's token goes
 * (the console when no file is named).
 */
public record Storage(Path home, DatabaseUrl database, int poolSize, Keyset keyset, Optional<Path> adminTokenFile) {

    /** The vault's keyset source; the inline one's value is never shown. */
    public sealed interface Keyset {
        /** {@code CATWALK_KEYSET}: read-only, so {@code keys rotate} refuses it. */
        record Inline(String base64) implements Keyset {
            @Override
            public String toString() {
                return "CATWALK_KEYSET";
            }
        }

        /** {@code CATWALK_KEYSET_FILE}: must exist. */
        record File(Path path) implements Keyset {
        }

        /** The embedded default: generated at {@code home/keyset.json} on first start. */
        record Generated(Path path) implements Keyset {
        }
    }

    public Storage {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(keyset, "keyset");
        Objects.requireNonNull(adminTokenFile, "adminTokenFile");
    }

    static Path defaultHome(Optional<String> userHome) {
        return Path.of(userHome.orElse("."), ".catwalk");
    }
}
