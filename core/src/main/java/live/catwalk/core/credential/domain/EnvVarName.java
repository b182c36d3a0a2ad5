package live.catwalk.core.credential.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name of an environment variable: {@code [A-Z_][A-Z0-9_]*}, at most 128 characters (the constructor
 * checks only this form, so names stored under older rules stay readable). Whether a deployment may give a
 * server this variable is {@link #refusal()}: names that change how a runtime, shell, git, package manager,
 * proxy, TLS stack or loader behaves are refused by family pattern ({@code PYTHON*}, {@code NODE_*},
 * {@code GIT_*}, {@code *_PROXY}, …), so a server runs the package it was validated as and nothing beside it.
 */
public record EnvVarName(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Z_][A-Z0-9_]{0,127}");
    private static final String FORM_PROBLEM =
            "must match [A-Z_][A-Z0-9_]* (upper case, digits, underscores; at most 128)";

    public EnvVarName {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException(FORM_PROBLEM);
        }
    }

    /**
     * What is wrong with {@code name} as a variable a deployment sets, if anything: its form, or the family it
     * belongs to and why that family is refused (e.g. "is refused: PYTHON* variables change how Python …").
     */
    public static Optional<String> problem(String name) {
        if (name == null || !FORM.matcher(name).matches()) {
            return Optional.of(FORM_PROBLEM);
        }
        return new EnvVarName(name).refusal();
    }

    /** Why a deployment may not set this variable (its family and the reason); empty if it may. */
    public Optional<String> refusal() {
        return EnvFamily.of(value).map(EnvFamily::refusal);
    }

    @Override
    public String toString() {
        return value;
    }
}
