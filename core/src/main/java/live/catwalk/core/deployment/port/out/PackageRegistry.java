package live.catwalk.core.deployment.port.out;

import java.util.Objects;
import live.catwalk.core.deployment.domain.PackageRef;

/**
 * Looks packages up on their registry (npm, PyPI). Thread-safe. Throws {@code CatwalkException} of kind
 * UPSTREAM_UNAVAILABLE (code {@code registry_unavailable}) when the registry cannot be asked or answers
 * unusably; a missing package or version is an answer, not an exception.
 */
public interface PackageRegistry {

    /** What the registry said about a package reference. */
    sealed interface Lookup {
        /** The package exists; {@code version} is the exact version to run (a tag or absent version resolved). */
        record Found(String version) implements Lookup {
            public Found {
                Objects.requireNonNull(version, "version");
            }
        }

        /** No package of that name on the registry. */
        record NoSuchPackage() implements Lookup {
        }

        /** The package exists but not the requested version or tag; {@code latest} is what it has instead. */
        record NoSuchVersion(String latest) implements Lookup {
            public NoSuchVersion {
                Objects.requireNonNull(latest, "latest");
            }
        }
    }

    Lookup lookup(PackageRef ref);
}
