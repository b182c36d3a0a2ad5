package live.catwalk.core.store;

import java.util.Comparator;
import java.util.List;
import live.catwalk.core.credential.domain.Credential;
import live.catwalk.core.credential.port.out.CredentialRepository;
import live.catwalk.core.shared.domain.DeploymentId;

final class InMemoryCredentials implements CredentialRepository {

    private final InMemoryStore store;

    InMemoryCredentials(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void replaceAll(DeploymentId deployment, List<Credential> credentials) {
        if (credentials.stream().anyMatch(c -> !c.deployment().equals(deployment))) {
            throw new IllegalArgumentException("every credential must be for deployment " + deployment);
        }
        if (credentials.stream().map(Credential::name).distinct().count() != credentials.size()) {
            throw new IllegalArgumentException("a deployment's credentials have distinct names");
        }
        synchronized (store.lock) {
            store.requireDeployment(deployment);
            store.credentials.put(deployment, credentials.stream()
                    .sorted(Comparator.comparing(c -> c.name().value())).toList());
        }
    }

    @Override
    public List<Credential> list(DeploymentId deployment) {
        synchronized (store.lock) {
            return store.credentials.getOrDefault(deployment, List.of());
        }
    }

    @Override
    public int deleteAll(DeploymentId deployment) {
        synchronized (store.lock) {
            List<Credential> removed = store.credentials.remove(deployment);
            return removed == null ? 0 : removed.size();
        }
    }
}
