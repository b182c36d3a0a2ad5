package live.catwalk.core.deployment.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What to tell a person when a deployment's program (a package's runner {@code npx} or {@code uvx}, or an admin's
 * command) is not installed where Catwalk starts servers: what is missing and how to install it.
 */
public record MissingProgram(String program) {

    public MissingProgram {
        Objects.requireNonNull(program, "program");
    }

    /** The program of a launch: {@code npx} or {@code uvx} for a package, the command's first argument. */
    public static MissingProgram of(Launch launch) {
        return new MissingProgram(switch (launch) {
            case Launch.Package pkg -> pkg.ref().command().getFirst();
            case Launch.Command command -> command.argv().getFirst();
        });
    }

    /** The runner of a registry named as in a request ({@code npm}: npx, {@code pypi}: uvx, as {@link PackageRef#command()}). */
    public static Optional<MissingProgram> runner(String registry) {
        return switch (registry.toLowerCase(Locale.ROOT)) {
            case "npm" -> Optional.of(new MissingProgram("npx"));
            case "pypi" -> Optional.of(new MissingProgram("uvx"));
            default -> Optional.empty();
        };
    }

    /** e.g. {@code uvx is not installed on this Catwalk host}. */
    public String problem() {
        return program.contains("/") ? "'" + program + "' does not exist or is not executable on this Catwalk host"
                : (isRunner() ? program : "'" + program + "'") + " is not installed on this Catwalk host";
    }

    /** e.g. {@code install uv (https://docs.astral.sh/uv/) or put uvx on Catwalk's PATH}. */
    public String fix() {
        return switch (program) {
            case "uvx" -> "install uv (https://docs.astral.sh/uv/) or put uvx on Catwalk's PATH";
            case "npx" -> "install Node.js with npm (https://nodejs.org/) or put npx on Catwalk's PATH";
            default -> program.contains("/") ? "install it there, or give a program on Catwalk's PATH"
                    : "install it or put it on Catwalk's PATH";
        };
    }

    /** The problem and its fix in one sentence, for a FAILED reason and a runtime's error. */
    public String text() {
        return problem() + ": " + fix();
    }

    private boolean isRunner() {
        return program.equals("npx") || program.equals("uvx");
    }
}
