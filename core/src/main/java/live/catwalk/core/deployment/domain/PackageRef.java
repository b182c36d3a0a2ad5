package live.catwalk.core.deployment.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

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

    /** npm: lower case, at most 214 characters, optionally {@code @scope/}; no leading dot or underscore. */
    private static final Pattern NPM_NAME = Pattern.compile("(@[a-z0-9~-][a-z0-9._~-]*/)?[a-z0-9~-][a-z0-9._~-]*");
    /** npm: an exact version, a range-free tag such as {@code latest}. */
    private static final Pattern NPM_VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+-]{0,63}");
    /** PyPI (PEP 508 names): letters, digits, and . _ - inside. */
    private static final Pattern PYPI_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]{0,98}[A-Za-z0-9])?");
    /** PyPI (PEP 440 public versions, loosely): digits, letters, and . + ! - inside. */
    private static final Pattern PYPI_VERSION = Pattern.compile("[0-9][0-9A-Za-z.!+-]{0,63}");

    public PackageRef {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        problem(registry, name, version).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }

    /** What is wrong with these parts, if anything; phrased to follow the field's name. */
    public static Optional<String> problem(Registry registry, String name, Optional<String> version) {
        return switch (registry) {
            case NPM -> name.length() > 214 || !NPM_NAME.matcher(name).matches()
                    ? Optional.of("is not an npm package name (lower case, optionally @scope/name)")
                    : version.filter(v -> !NPM_VERSION.matcher(v).matches())
                            .map(v -> "has a version that is not an npm version or tag, e.g. 1.2.3");
            case PYPI -> !PYPI_NAME.matcher(name).matches()
                    ? Optional.of("is not a PyPI project name (letters, digits, '.', '_', '-')")
                    : version.filter(v -> !PYPI_VERSION.matcher(v).matches())
                            .map(v -> "has a version that is not a PyPI version, e.g. 1.2.3");
        };
    }

    /** The argv that runs this package's server over stdio: {@code npx -y name@version} or {@code uvx name==version}. */
    public List<String> command() {
        return switch (registry) {
            case NPM -> List.of("npx", "-y", version.map(v -> name + "@" + v).orElse(name));
            case PYPI -> List.of("uvx", version.map(v -> name + "==" + v).orElse(name));
        };
    }

    @Override
    public String toString() {
        return registry.wireName() + ":" + name + version.map(v -> "@" + v).orElse("");
    }
}
