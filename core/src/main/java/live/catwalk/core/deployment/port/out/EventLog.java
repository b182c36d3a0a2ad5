package live.catwalk.core.deployment.port.out;

import java.util.List;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.domain.DeploymentId;

/** Deployments' timelines, removed with their deployment. Thread-safe. */
public interface EventLog {

    /** Appends an event; the deployment must exist (else NOT_FOUND). */
    void append(DeploymentEvent event);

    /**
     * The deployment's last {@code limit} events, oldest (by {@code at}) first, events of the same instant
     * in the order appended; empty for an unknown deployment. {@link IllegalArgumentException} unless
     * {@code limit} is 1 to 1000.
     */
    List<DeploymentEvent> recent(DeploymentId deployment, int limit);
}
