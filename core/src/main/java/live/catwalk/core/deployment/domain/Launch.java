package live.catwalk.core.deployment.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** How a deployment's server is started: a published package, or (admins only) an explicit argv. */
public sealed interface Launch {

    /**
     * Runs a published package with its registry's runner ({@code npx -y}, {@code uvx}), passing it {@code args}
     * (by {@link PackageArgs}' rules) after the package.
     */
    record Package(PackageRef ref, List<String> args) implements Launch {
        public Package {
            Objects.requireNonNull(ref, "ref");
            args = List.copyOf(args); // also refuses a null argument
            List<ValidationProblem> problems = PackageArgs.problems(args);
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(problems.getFirst().field() + " " + problems.getFirst().message());
            }
        }

        /** A package run without arguments. */
        public Package(PackageRef ref) {
            this(ref, List.of());
        }

        /** The argv that runs the server: the package's {@link PackageRef#command() command}, then the arguments. */
        public List<String> argv() {
            List<String> argv = new ArrayList<>(ref.command());
            argv.addAll(args);
            return List.copyOf(argv);
        }
    }

    /**
     * Runs this argv as given, without a shell: 1 to 64 arguments, the first (the program) not blank, none holding
     * NUL, each at most 64 KiB (under Linux's 128 KiB per argument; a Java class path can be long) and 256 KiB in all.
     */
    record Command(List<String> argv) implements Launch {

        public static final int MAX_ARGS = 64;
        public static final int MAX_ARG_CHARS = 64 * 1024;
        public static final int MAX_TOTAL_CHARS = 256 * 1024;

        public Command {
            argv = List.copyOf(argv);
            if (argv.isEmpty() || argv.size() > MAX_ARGS) {
                throw new IllegalArgumentException("a command has 1 to " + MAX_ARGS + " arguments");
            }
            if (argv.getFirst().isBlank()) {
                throw new IllegalArgumentException("a command's program (its first argument) is not blank");
            }
            if (argv.stream().anyMatch(arg -> arg.length() > MAX_ARG_CHARS || arg.indexOf('\0') >= 0)) {
                throw new IllegalArgumentException("no argument of a command is over " + MAX_ARG_CHARS
                        + " characters or holds NUL");
            }
            if (argv.stream().mapToLong(String::length).sum() > MAX_TOTAL_CHARS) {
                throw new IllegalArgumentException("a command is at most " + MAX_TOTAL_CHARS + " characters in all");
            }
        }
    }
}
