package live.catwalk.bootstrap.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.domain.SessionMode;

/**
 * A deployment defined in the deployments file: its id, its spec as checked by core's rules (a package not yet
 * pinned), its variables' values, and the SHA-256 of its access token (the token itself is not kept).
 */
public record ConfiguredDeployment(String id, DeploymentSpec spec, Map<String, String> env, byte[] tokenSha256) {

    public ConfiguredDeployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        env = Map.copyOf(env);
        tokenSha256 = tokenSha256.clone();
    }

    public SessionMode mode() {
        return spec.sessionMode();
    }

    /** How to start this deployment's server with {@code argv}: its variables, in a workspace of its own. */
    public ServerCommand command(List<String> argv) {
        return new ServerCommand(argv, env).in(new ServerCommand.Workspace("file", "file-" + id));
    }

    @Override
    public String toString() {
        return "deployment " + id + " (" + mode().name().toLowerCase(Locale.ROOT) + ")";
    }
}
