package live.catwalk.core.mcp.port.out;

import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;

/**
 * What the control plane holds about a deployment that has no MCP endpoint here (not started yet, stopped,
 * failed): what its owner wants, its status and the reason of a failure; empty for an unknown or deleted
 * deployment. Asked only after the caller's token was accepted. Thread-safe.
 */
@FunctionalInterface
public interface DeploymentStates {

    /** For deployments no control plane knows of (e.g. only those of the deployments file): always empty. */
    DeploymentStates NONE = deploymentId -> Optional.empty();

    Optional<Stored> find(String deploymentId);

    /** A deployment's lifecycle as stored; {@code reason} is secret-free (why it FAILED, say). */
    record Stored(DesiredState desired, DeploymentStatus status, Optional<String> reason) {

        public Stored {
            Objects.requireNonNull(desired, "desired");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
