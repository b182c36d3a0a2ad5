package live.catwalk.core.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.shared.CatwalkException;

final class InMemoryDeployments implements DeploymentRepository {

    private static final Comparator<Deployment> NEWEST_FIRST = Comparator.comparing(Deployment::createdAt)
            .reversed().thenComparing(d -> d.id().value());

    private final InMemoryStore store;

    InMemoryDeployments(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public Deployment insert(Deployment deployment) {
        synchronized (store.lock) {
            store.requireUser(deployment.owner());
            if (store.deployments.containsKey(deployment.id())) {
                throw InMemoryStore.conflict("a deployment with id " + deployment.id() + " exists");
            }
            requireNameFree(deployment);
            Deployment stored = copy(deployment, deployment.owner(), 0, deployment.createdAt());
            store.deployments.put(stored.id(), stored);
            return stored;
        }
    }

    @Override
    public Optional<Deployment> find(DeploymentId id) {
        synchronized (store.lock) {
            return Optional.ofNullable(store.deployments.get(id));
        }
    }

    @Override
    public List<Deployment> listByOwner(UserId owner, int offset, int limit) {
        InMemoryStore.checkLimit(limit, 500);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, not " + offset);
        }
        synchronized (store.lock) {
            return store.deployments.values().stream().filter(d -> d.owner().equals(owner)).sorted(NEWEST_FIRST)
                    .skip(offset).limit(limit).toList();
        }
    }

    @Override
    public List<Deployment> listWantedRunning() {
        synchronized (store.lock) {
            return store.deployments.values().stream().filter(d -> d.desired() == DesiredState.RUNNING).toList();
        }
    }

    @Override
    public Map<DeploymentStatus, Long> countByStatus() {
        synchronized (store.lock) {
            return store.deployments.values().stream().collect(Collectors.groupingBy(Deployment::status,
                    () -> new EnumMap<>(DeploymentStatus.class), Collectors.counting()));
        }
    }

    @Override
    public Deployment update(Deployment deployment) {
        synchronized (store.lock) {
            Deployment current = store.deployments.get(deployment.id());
            if (current == null) {
                throw CatwalkException.notFound("no deployment " + deployment.id());
            }
            if (current.version() != deployment.version()) {
                throw InMemoryStore.conflict("deployment " + deployment.id() + " was updated by someone else");
            }
            Deployment stored = copy(deployment, current.owner(), current.version() + 1, current.createdAt());
            requireNameFree(stored);
            store.deployments.put(stored.id(), stored);
            return stored;
        }
    }

    @Override
    public boolean delete(DeploymentId id) {
        synchronized (store.lock) {
            if (store.deployments.remove(id) == null) {
                return false;
            }
            store.events.removeIf(e -> e.deployment().equals(id));
            store.credentials.remove(id);
            store.tokens.values().removeIf(t -> t.deployment().equals(Optional.of(id)));
            store.removeGrants(g -> g.deployment().equals(id));
            return true;
        }
    }

    private void requireNameFree(Deployment deployment) {
        boolean taken = store.deployments.values().stream().anyMatch(d -> !d.id().equals(deployment.id())
                && d.owner().equals(deployment.owner()) && d.spec().name().equals(deployment.spec().name()));
        if (taken) {
            throw InMemoryStore.conflict("the owner has a deployment named " + deployment.spec().name());
        }
    }

    private static Deployment copy(Deployment d, UserId owner, long version, Instant createdAt) {
        return new Deployment(d.id(), owner, d.spec(), d.desired(), d.status(), d.reason(), d.runtimeHandle(),
                version, createdAt, d.updatedAt());
    }
}
