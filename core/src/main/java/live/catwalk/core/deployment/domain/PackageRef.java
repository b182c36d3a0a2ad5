package live.catwalk.core.deployment.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A published MCP server package: its registry, its name by that registry's rules, and an optional
 * version (absent means the registry's latest). Knows the command that runs it over stdio.
 */
public record PackageRef(Registry registry, String name, Optional<String> version) {

    /** Where a package is published, and how its runner is invoked. */
    public enum Registry {
        NPM, PYPI;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public PackageRef {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        problem(registry, name, version).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /**
     * What is wrong with these parts, if anything; phrased to follow the field's name. The version may be an
     * exact version or, for npm, a dist-tag such as {@code next}.
     */
    public static Optional<String> problem(Registry registry, String name, Optional<String> version) {
        Optional<String> nameProblem = switch (registry) {
            case NPM -> PackageRules.npmName(name).map(p -> "is not an npm package name: it " + p);
            case PYPI -> PackageRules.pypiName(name).map(p -> "is not a PyPI project name: it " + p);
        };
        return nameProblem.or(() -> version.filter(v -> !PackageRules.isRequestableVersion(registry, v))
                .map(v -> registry == Registry.NPM ? "has a version that is not an npm version or tag, e.g. 1.2.3"
                        : "has a version that is not a PyPI version, e.g. 1.2.3"));
    }

    /** Whether {@code version} is an exact published version by the registry's rules (semver, PEP 440). */
    public static boolean isExactVersion(Registry registry, String version) {
        return PackageRules.isExactVersion(registry, version);
    }

    /**
     * The argv that runs this package's server over stdio. Nothing here can be read as an option: npm gets
     * {@code npx -y -- name@version} (after {@code --} npm treats the word as the package), and uv gets the
     * requirement bound to its option, {@code uvx --from=name==version name}, where the command is a PEP 508
     * name, which never starts with {@code -}.
     */
    public List<String> command() {
        return switch (registry) {
            case NPM -> List.of("npx", "-y", "--", version.map(v -> name + "@" + v).orElse(name));
            case PYPI -> List.of("uvx", "--from=" + version.map(v -> name + "==" + v).orElse(name), name);
        };
    }

    @Override
    public String toString() {
        return registry.wireName() + ":" + name + version.map(v -> "@" + v).orElse("");
    }
}
