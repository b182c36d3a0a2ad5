package live.catwalk.core.deployment.domain;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.mcp.domain.SessionMode;

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
        if (!NAME.matcher(name).matches() || name.isBlank()) {
            throw new IllegalArgumentException("a deployment name is 1-100 characters without control characters");
        }
        if (envNames.stream().distinct().count() != envNames.size()) {
            throw new IllegalArgumentException("a deployment's variable names are distinct");
        }
    }
}
