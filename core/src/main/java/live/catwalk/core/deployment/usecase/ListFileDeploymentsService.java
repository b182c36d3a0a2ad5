package live.catwalk.core.deployment.usecase;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.FileDeployment;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.deployment.port.in.ListFileDeployments;
import live.catwalk.core.deployment.port.out.Runtime;

/**
 * Lists the file's deployments as they were set up at start: one that could not be started (FAILED) stays so with
 * its reason; one handed to the runtime shows the runtime's state now (absent: STOPPED). Sorted by id.
 */
public final class ListFileDeploymentsService implements ListFileDeployments {

    private final List<FileDeployment> deployments;
    private final Runtime runtime;

    public ListFileDeploymentsService(List<FileDeployment> deployments, Runtime runtime) {
        this.deployments = deployments.stream().sorted(Comparator.comparing(d -> d.id().value())).toList();
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public List<FileDeployment> list(Principal caller) {
        if (!caller.isAdmin()) {
            return List.of();
        }
        return deployments.stream().map(this::now).toList();
    }

    private FileDeployment now(FileDeployment atStart) {
        if (atStart.status() == DeploymentStatus.FAILED) {
            return atStart;
        }
        return switch (runtime.state(atStart.id())) {
            case RuntimeState.Running running -> atStart.in(DeploymentStatus.RUNNING, Optional.empty());
            case RuntimeState.Starting starting -> atStart.in(DeploymentStatus.STARTING, Optional.empty());
            case RuntimeState.Suspended suspended -> atStart.in(DeploymentStatus.SUSPENDED, Optional.empty());
            case RuntimeState.Failed failed -> atStart.in(DeploymentStatus.FAILED, Optional.of(failed.reason()));
            case RuntimeState.Absent absent -> atStart.in(DeploymentStatus.STOPPED, Optional.empty());
        };
    }
}
