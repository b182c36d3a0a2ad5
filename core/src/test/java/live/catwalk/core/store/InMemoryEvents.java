package live.catwalk.core.store;

import java.util.Comparator;
import java.util.List;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.port.out.EventLog;

final class InMemoryEvents implements EventLog {

    private final InMemoryStore store;

    InMemoryEvents(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void append(DeploymentEvent event) {
        synchronized (store.lock) {
            store.requireDeployment(event.deployment());
            store.events.add(event);
        }
    }

    @Override
    public List<DeploymentEvent> recent(DeploymentId deployment, int limit) {
        InMemoryStore.checkLimit(limit, 1000);
        synchronized (store.lock) {
            List<DeploymentEvent> timeline = store.events.stream().filter(e -> e.deployment().equals(deployment))
                    .sorted(Comparator.comparing(DeploymentEvent::at)).toList();
            return List.copyOf(timeline.subList(Math.max(0, timeline.size() - limit), timeline.size()));
        }
    }
}
