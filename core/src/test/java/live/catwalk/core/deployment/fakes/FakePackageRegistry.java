package live.catwalk.core.deployment.fakes;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import live.catwalk.core.deployment.port.out.PackageRegistry;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.PackageRef.Registry;
import live.catwalk.core.shared.CatwalkException;

/**
 * An in-memory registry answering like npm and PyPI do: no version means latest, an npm tag resolves to its
 * version, PyPI names compare normalised (PEP 503). {@link #unavailable(boolean)} makes every lookup throw
 * UPSTREAM_UNAVAILABLE {@code registry_unavailable}. Thread-safe.
 */
public final class FakePackageRegistry implements PackageRegistry {

    private record Published(List<String> versions, Map<String, String> tags) {
    }

    private final Map<String, Published> packages = new ConcurrentHashMap<>();
    private volatile boolean unavailable;

    /** Publishes {@code name} with these versions; the last one is {@code latest}. Replaces an earlier entry. */
    public FakePackageRegistry publish(Registry registry, String name, String... versions) {
        if (versions.length == 0) {
            throw new IllegalArgumentException("a published package has at least one version");
        }
        packages.put(key(registry, name), new Published(List.of(versions),
                new ConcurrentHashMap<>(Map.of("latest", versions[versions.length - 1]))));
        return this;
    }

    /** Points an npm dist-tag such as {@code next} at one of the package's versions. */
    public FakePackageRegistry tag(String npmName, String tag, String version) {
        Published published = Objects.requireNonNull(packages.get(key(Registry.NPM, npmName)), npmName);
        if (!published.versions().contains(version)) {
            throw new IllegalArgumentException(npmName + " has no version " + version);
        }
        published.tags().put(tag, version);
        return this;
    }

    /** While true, every lookup throws as if the registry could not be reached. */
    public FakePackageRegistry unavailable(boolean down) {
        this.unavailable = down;
        return this;
    }

    @Override
    public Lookup lookup(PackageRef ref) {
        if (unavailable) {
            throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                    "the " + ref.registry().wireName() + " registry could not be reached (fake)")
                    .withCode("registry_unavailable");
        }
        Published published = packages.get(key(ref.registry(), ref.name()));
        if (published == null) {
            return new Lookup.NoSuchPackage();
        }
        String latest = published.tags().get("latest");
        Optional<String> wanted = ref.version();
        if (wanted.isEmpty()) {
            return new Lookup.Found(latest);
        }
        if (published.versions().contains(wanted.get())) {
            return new Lookup.Found(wanted.get());
        }
        String tagged = ref.registry() == Registry.NPM ? published.tags().get(wanted.get()) : null;
        return tagged != null ? new Lookup.Found(tagged) : new Lookup.NoSuchVersion(latest);
    }

    private static String key(Registry registry, String name) {
        return switch (registry) {
            case NPM -> "npm:" + name;
            case PYPI -> "pypi:" + name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
        };
    }
}
