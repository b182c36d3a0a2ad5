package live.catwalk.core.deployment.port.in;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CreateDeployment.PackageRequest;

/**
 * Checks an entry of the deployments file by the rules {@link CreateDeployment} applies, without asking a registry:
 * exactly one of a package (its registry's rules, {@code package.args}) and a command (the operator may give one, as
 * an admin may), variables (names, sizes), session mode, and its id as the display name. Problems name the field as
 * create's do ({@code package.args[3]}, {@code env.API_KEY}); the spec is returned unpinned, as requested.
 */
@FunctionalInterface
public interface CheckConfiguredDeployment {

    /** The entry as read: its id, exactly one of {@code pkg} and {@code command}, variables, session mode. */
    record Command(String id, Optional<PackageRequest> pkg, Optional<List<String>> command, Map<String, String> env,
                   Optional<String> sessionMode) {
        public Command {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(pkg, "pkg");
            command = Objects.requireNonNull(command, "command").map(c -> Collections.unmodifiableList(new ArrayList<>(c)));
            env = Map.copyOf(env);
            Objects.requireNonNull(sessionMode, "sessionMode");
        }
    }

    /** The spec as requested (a package's version as given, maybe absent), or every problem found. */
    sealed interface Result {
        record Checked(DeploymentSpec spec) implements Result {
            public Checked {
                Objects.requireNonNull(spec, "spec");
            }
        }

        record Rejected(List<ValidationProblem> problems) implements Result {
            public Rejected {
                problems = List.copyOf(problems);
            }
        }
    }

    Result check(Command command);
}
