package live.catwalk.core.deployment.domain;

import java.util.List;
import java.util.Objects;

/** How a deployment's server is started: a published package, or (admins only) an explicit argv. */
public sealed interface Launch {

    /** Runs a published package with its registry's runner ({@code npx -y}, {@code uvx}). */
    record Package(PackageRef ref) implements Launch {
        public Package {
            Objects.requireNonNull(ref, "ref");
        }
    }

    /** Runs this argv as given, without a shell: 1 to 64 arguments, none empty, each under 4 KiB. */
    record Command(List<String> argv) implements Launch {
        public Command {
            argv = List.copyOf(argv);
            if (argv.isEmpty() || argv.size() > 64) {
                throw new IllegalArgumentException("a command has 1 to 64 arguments");
            }
            if (argv.getFirst().isBlank()) {
                throw new IllegalArgumentException("a command's program (its first argument) is not blank");
            }
            if (argv.stream().anyMatch(arg -> arg.length() > 4096 || arg.indexOf('\0') >= 0)) {
                throw new IllegalArgumentException("no argument of a command is over 4096 characters or holds NUL");
            }
        }
    }
}
