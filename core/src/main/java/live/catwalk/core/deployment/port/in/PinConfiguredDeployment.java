package live.catwalk.core.deployment.port.in;

import java.util.List;
import java.util.Objects;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.ValidationProblem;

/**
 * Pins a checked deployments-file spec as create pins: its package to the exact version the registry resolves its
 * version (or tag, or latest) to, its arguments kept; a command as it is. Refused with a problem on
 * {@code package.name} or {@code package.version} when the registry has no such package or version. Throws
 * UPSTREAM_UNAVAILABLE when the registry cannot be asked or answers anything but an exact version: nothing is
 * ever run unpinned.
 */
@FunctionalInterface
public interface PinConfiguredDeployment {

    /** The spec to run, or why it cannot be pinned. */
    sealed interface Result {
        record Pinned(DeploymentSpec spec) implements Result {
            public Pinned {
                Objects.requireNonNull(spec, "spec");
            }
        }

        record Refused(List<ValidationProblem> problems) implements Result {
            public Refused {
                problems = List.copyOf(problems);
            }
        }
    }

    Result pin(DeploymentSpec checked);
}
