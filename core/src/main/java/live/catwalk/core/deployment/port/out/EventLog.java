package live.catwalk.core.deployment.port.out;

import java.util.List;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.deployment.domain.DeploymentId;

/** Deployments' timelines. Thread-safe. */
public interface EventLog {

    /** Appends an event; the deployment must exist (else NOT_FOUND). */
    void append(DeploymentEvent event);

    /** The deployment's last {@code limit} events (1 to 1000), oldest first. */
    List<DeploymentEvent> recent(DeploymentId deployment, int limit);
}
