package live.catwalk.core.analysis.domain;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An environment variable a server reads, as the analysis found it: whether it must be set, whether it is a
 * secret, its default, its format and choices when declared, and the source the answer rests on. Immutable.
 *
 * @param format {@code text}, {@code number}, {@code boolean} or {@code url}
 */
public record EnvVar(String name, Optional<String> description, boolean required, boolean secret,
                     Optional<String> defaultValue, String format, List<String> choices, Source source) {

    /** The formats a variable may declare; anything else reads as text. */
    public static final List<String> FORMATS = List.of("text", "number", "boolean", "url");

    /** What an analysis accepts as a variable's name (as code reads it; a deployment's own rule is EnvVarName). */
    static final String NAME_FORM = "[A-Za-z_][A-Za-z0-9_]{0,99}";
    private static final Pattern NAME = Pattern.compile(NAME_FORM);
    private static final Pattern SECRET_WORDS = Pattern.compile(
            "(^|_)(KEY|APIKEY|TOKEN|SECRET|PASSWORD|PASSWD|PASS|PWD|CREDENTIALS?|AUTH|PRIVATE|COOKIE|SESSION)(_|$)");
    private static final int MAX_DESCRIPTION = 500;
    private static final int MAX_CHOICES = 50;

    public EnvVar {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(source, "source");
        if (!isName(name)) {
            throw new IllegalArgumentException("an environment variable name is a letter or '_' and then letters, "
                    + "digits or '_', at most 100");
        }
        description = description.map(String::strip).filter(d -> !d.isEmpty())
                .map(d -> d.length() <= MAX_DESCRIPTION ? d : d.substring(0, MAX_DESCRIPTION - 1) + "…");
        format = FORMATS.contains(format) ? format : "text";
        choices = choices.stream().distinct().limit(MAX_CHOICES).toList();
    }

    /** Whether {@code name} has the form of a variable's name. */
    public static boolean isName(String name) {
        return NAME.matcher(name).matches();
    }

    /** A variable known by name only, from {@code source}: optional, secret if its name says so. */
    public static EnvVar named(String name, Source source) {
        return new EnvVar(name, Optional.empty(), false, looksSecret(name), Optional.empty(), "text", List.of(),
                source);
    }

    /**
     * Whether a name reads like a credential ({@code API_KEY}, {@code GITHUB_TOKEN}, {@code DB_PASSWORD}, …): such
     * values are sealed and never shown, so when in doubt a name is a secret.
     */
    public static boolean looksSecret(String name) {
        return SECRET_WORDS.matcher(name.toUpperCase(Locale.ROOT)).find();
    }

    /**
     * One variable from two sources' answers: this one's (the more authoritative) with the other's details filling
     * its gaps. Whether it is required is this source's answer (a declaration outranks prose); it is a secret if
     * either says so (sealing a value that is not secret costs nothing). The source stays this one's.
     */
    public EnvVar fillGapsFrom(EnvVar other) {
        if (!other.name.equals(name)) {
            throw new IllegalArgumentException("not the same variable");
        }
        return new EnvVar(name, description.or(other::description), required,
                secret || other.secret, defaultValue.or(other::defaultValue),
                format.equals("text") ? other.format : format, choices.isEmpty() ? other.choices : choices, source);
    }
}
