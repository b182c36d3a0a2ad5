package live.catwalk.core.analysis.port.in;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.port.in.CreateDeployment;

/**
 * Creates a deployment from one of the caller's succeeded analyses: the package, its version and the command come
 * from the analysis, the variables and required arguments from the caller, checked against the analysis's form
 * with every problem reported at once ({@code analysisId}, {@code env.<NAME>}, {@code args[i]}, and whatever
 * {@link CreateDeployment} reports). Throws as {@link CreateDeployment} does.
 */
@FunctionalInterface
public interface DeployAnalysis {

    /**
     * The request as received; {@code name} defaults to the repository's (or folder's) name. A null variable value
     * or argument is a problem on its field.
     */
    record Command(Principal caller, String analysisId, Map<String, String> env, List<String> args,
                   Optional<String> name, Optional<String> sessionMode, Optional<Long> suspendAfterMinutes) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(analysisId, "analysisId");
            env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
            args = Collections.unmodifiableList(new java.util.ArrayList<>(args));
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(sessionMode, "sessionMode");
            Objects.requireNonNull(suspendAfterMinutes, "suspendAfterMinutes");
        }

        /** A deployment from the analysis that is never suspended. */
        public Command(Principal caller, String analysisId, Map<String, String> env, List<String> args,
                       Optional<String> name, Optional<String> sessionMode) {
            this(caller, analysisId, env, args, name, sessionMode, Optional.empty());
        }
    }

    CreateDeployment.Result deploy(Command command);
}
