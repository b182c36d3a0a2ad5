package live.catwalk.core.deployment.usecase;

import java.util.List;
import java.util.Objects;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.port.in.ListDeploymentEvents;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.EventLog;
import live.catwalk.core.shared.CatwalkException;

/** INVALID_INPUT (field {@code limit}) for a limit outside 1-1000, checked before ownership. */
public final class ListDeploymentEventsService implements ListDeploymentEvents {

    public static final int MAX_LIMIT = 1000;

    private final DeploymentRepository deployments;
    private final EventLog events;

    public ListDeploymentEventsService(DeploymentRepository deployments, EventLog events) {
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public List<DeploymentEvent> events(Principal caller, DeploymentId id, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw CatwalkException.invalidInput("limit", "limit must be 1 to " + MAX_LIMIT, null);
        }
        Lifecycle.owned(deployments, caller, id);
        return events.recent(id, limit);
    }
}
