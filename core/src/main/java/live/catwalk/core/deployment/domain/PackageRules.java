package live.catwalk.core.deployment.domain;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each registry's own rules for names and versions, so that nothing a user or a registry sends can be read
 * by {@code npx} or {@code uvx} as an option: npm's {@code validate-npm-package-name} rules for new packages
 * (Node's core module names aside), PEP 508 names, semver 2.0 and PEP 440 versions.
 */
final class PackageRules {

    static final int MAX_NPM_NAME = 214;
    static final int MAX_PYPI_NAME = 100;
    static final int MAX_VERSION = 128;

    /** One part of an npm name (the scope or the name): URL-safe, lower case, no leading '.', '_' or '-'. */
    private static final Pattern NPM_PART = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Set<String> NPM_EXCLUDED = Set.of("node_modules", "favicon.ico");
    /** An npm dist-tag a user may ask for, such as {@code latest} or {@code next}: it starts with a letter. */
    private static final Pattern NPM_TAG = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{0,63}");
    /** Semver 2.0: numbers without leading zeros, optional pre-release and build identifiers. */
    private static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)"
                    + "(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?"
                    + "(\\+[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
    /** PEP 508 / PEP 503: letters and digits at both ends, '.', '_' and '-' inside. */
    private static final Pattern PYPI_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
    /** A PyPI name followed by a version, as pip and npm write them: {@code name==1.2.3}, {@code name@1.2.3}. */
    private static final Pattern PYPI_VERSIONED = Pattern.compile("([^=@]*)(==|@)(.*)");
    /** PEP 440's version grammar (its appendix), exact versions only: no specifier, no wildcard. */
    private static final Pattern PEP440 = Pattern.compile(
            "v?([0-9]+!)?[0-9]+(\\.[0-9]+)*"
                    + "([-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?"
                    + "(-[0-9]+|[-_.]?(post|rev|r)[-_.]?[0-9]*)?"
                    + "([-_.]?dev[-_.]?[0-9]*)?"
                    + "(\\+[a-z0-9]+([-_.][a-z0-9]+)*)?", Pattern.CASE_INSENSITIVE);

    private PackageRules() {
    }

    static Optional<String> npmName(String name) {
        if (name.isEmpty() || name.length() > MAX_NPM_NAME) {
            return Optional.of("must be 1 to " + MAX_NPM_NAME + " characters");
        }
        int at = name.lastIndexOf('@');
        if (at > 0) {
            return Optional.of(versionInName(PackageRef.Registry.NPM, name.substring(0, at), name.substring(at + 1),
                    npmName(name.substring(0, at)).isEmpty(), "'@'"));
        }
        String[] parts = name.startsWith("@") ? name.substring(1).split("/", -1) : new String[] {name};
        if (name.startsWith("@") && parts.length != 2 || !name.startsWith("@") && name.contains("/")) {
            return Optional.of("must be name or @scope/name");
        }
        for (String part : parts) {
            if (!NPM_PART.matcher(part).matches()) {
                return Optional.of("must use lower-case letters, digits, '-', '.' and '_' only, and start each part"
                        + " with a letter or digit (never '-', '.' or '_')");
            }
        }
        return NPM_EXCLUDED.contains(name) ? Optional.of("is a name npm reserves") : Optional.empty();
    }

    static Optional<String> pypiName(String name) {
        Matcher versioned = PYPI_VERSIONED.matcher(name);
        if (name.length() <= MAX_PYPI_NAME + 2 + MAX_VERSION && versioned.matches()) {
            return Optional.of(versionInName(PackageRef.Registry.PYPI, versioned.group(1), versioned.group(3),
                    PYPI_NAME.matcher(versioned.group(1)).matches() && versioned.group(1).length() <= MAX_PYPI_NAME,
                    "'" + versioned.group(2) + "'"));
        }
        return name.length() <= MAX_PYPI_NAME && PYPI_NAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("must be letters, digits, '.', '_' and '-', starting and ending with a letter or digit"
                + " (at most " + MAX_PYPI_NAME + ")");
    }

    /**
     * A version typed into the name ({@code name@latest}, {@code name==1.2}): says where each part goes, quoting
     * them only when both are valid (so nothing unprintable or unbounded is echoed).
     */
    private static String versionInName(PackageRef.Registry registry, String bare, String version, boolean bareIsName,
                                        String separator) {
        if (bareIsName && isRequestableVersion(registry, version)) {
            return "carries a version: put \"" + bare + "\" in package.name and \"" + version
                    + "\" in package.version";
        }
        return "must not contain " + separator + " (except npm's leading @scope/); a version goes in package.version";
    }

    /** An exact version as the registry publishes it: semver for npm, PEP 440 for PyPI. */
    static boolean isExactVersion(PackageRef.Registry registry, String version) {
        return version.length() <= MAX_VERSION && switch (registry) {
            case NPM -> SEMVER.matcher(version).matches();
            case PYPI -> PEP440.matcher(version).matches();
        };
    }

    /** What a user may ask for: an exact version, or for npm also a dist-tag. */
    static boolean isRequestableVersion(PackageRef.Registry registry, String version) {
        return isExactVersion(registry, version) || registry == PackageRef.Registry.NPM && NPM_TAG.matcher(version).matches();
    }
}
