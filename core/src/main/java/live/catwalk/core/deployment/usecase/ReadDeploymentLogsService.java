package live.catwalk.core.deployment.usecase;

import java.util.List;
import java.util.Objects;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.port.in.ReadDeploymentLogs;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.shared.CatwalkException;

/** INVALID_INPUT (field {@code lines}) for a count outside 1-1000; the runtime redacts secrets. */
public final class ReadDeploymentLogsService implements ReadDeploymentLogs {

    public static final int MAX_LINES = 1000;

    private final DeploymentRepository deployments;
    private final Runtime runtime;

    public ReadDeploymentLogsService(DeploymentRepository deployments, Runtime runtime) {
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public List<String> logs(Principal caller, DeploymentId id, int lines) {
        if (lines < 1 || lines > MAX_LINES) {
            throw CatwalkException.invalidInput("lines", "lines must be 1 to " + MAX_LINES, null);
        }
        Lifecycle.owned(deployments, caller, id);
        return runtime.logs(id, lines);
    }
}
