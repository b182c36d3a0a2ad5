package live.catwalk.core.deployment.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.shared.domain.SessionMode;

/**
 * What a user asked to run: a display name (1-100 characters, no control characters), how to launch it,
 * the names of the variables it gets (values live sealed in the credential store), and its session mode.
 */
public record DeploymentSpec(String name, Launch launch, List<EnvVarName> envNames, SessionMode sessionMode) {

    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,100}");

    public DeploymentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(sessionMode, "sessionMode");
        envNames = List.copyOf(envNames);
        nameProblem(name).ifPresent(p -> {
            throw new IllegalArgumentException("a deployment name " + p);
        });
        if (envNames.stream().distinct().count() != envNames.size()) {
            throw new IllegalArgumentException("a deployment's variable names are distinct");
        }
    }

    /** What is wrong with {@code name} as a deployment's display name, if anything; phrased to follow the field's name. */
    public static Optional<String> nameProblem(String name) {
        return name != null && NAME.matcher(name).matches() && !name.isBlank() ? Optional.empty()
                : Optional.of("is 1-100 characters, not all blank, without control characters");
    }
}
