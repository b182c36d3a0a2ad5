package live.catwalk.core.deployment.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The rules for a package deployment's arguments ({@code package.args}), passed to the server after the package
 * in the argv, never through a shell: at most 32, each at most 1024 characters, 8192 in all, none holding a
 * control character (NUL, newline, tab…). Arguments that look like options ({@code --root}) are allowed: they
 * come after {@code npx -y -- name@version} or {@code uvx --from=… name}, where only the server reads them.
 */
public final class PackageArgs {

    public static final int MAX_ARGS = 32;
    public static final int MAX_ARG_CHARS = 1024;
    public static final int MAX_TOTAL_CHARS = 8192;

    private PackageArgs() {
    }

    /** Every problem with {@code args}, each on its field ({@code package.args}, {@code package.args[3]}). */
    public static List<ValidationProblem> problems(List<String> args) {
        List<ValidationProblem> problems = new ArrayList<>();
        if (args.size() > MAX_ARGS) {
            problems.add(ValidationProblem.of("package.args", "has " + args.size() + " arguments; at most " + MAX_ARGS,
                    "pass what the server reads from a file or a variable instead"));
            return problems; // counted alone: checking thousands of arguments only makes a larger report
        }
        long total = 0;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String field = "package.args[" + i + "]";
            if (arg == null) {
                problems.add(ValidationProblem.of(field, "must be a string", "e.g. \"/data\" or \"--verbose\""));
                continue;
            }
            total += arg.length();
            if (arg.length() > MAX_ARG_CHARS) {
                problems.add(ValidationProblem.of(field, "is " + arg.length() + " characters long; at most "
                        + MAX_ARG_CHARS, "pass a path to larger data instead of the data itself"));
            } else if (arg.chars().anyMatch(Character::isISOControl)) {
                problems.add(ValidationProblem.of(field, "contains a control character (such as NUL, a newline or"
                        + " a tab)", "give each argument as its own string, without line breaks; no shell reads them"));
            }
        }
        if (total > MAX_TOTAL_CHARS) {
            problems.add(ValidationProblem.of("package.args", "is " + total + " characters in all; at most "
                    + MAX_TOTAL_CHARS, "pass what the server reads from a file or a variable instead"));
        }
        return problems;
    }
}
