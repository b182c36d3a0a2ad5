package live.catwalk.core.deployment.port.out;

import java.util.List;
import java.util.Optional;
import live.catwalk.core.account.domain.UserId;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentId;

/**
 * Deployments with optimistic locking: an update must carry the version it read, and gets back the stored
 * deployment with the next version. Timestamps are kept to the microsecond. Thread-safe.
 */
public interface DeploymentRepository {

    /** Stores a new deployment at version 0; CONFLICT if the id exists or the owner has one of that name. */
    Deployment insert(Deployment deployment);

    Optional<Deployment> find(DeploymentId id);

    /** A page of the owner's deployments, newest first; {@code limit} is 1 to 500. */
    List<Deployment> listByOwner(UserId owner, int offset, int limit);

    /** Every deployment whose desired state is RUNNING, for the reconciler. */
    List<Deployment> listWantedRunning();

    /**
     * Stores {@code deployment} if the stored version equals its version, and returns it with the version
     * increased; CONFLICT if someone else updated it first, NOT_FOUND if it is gone.
     */
    Deployment update(Deployment deployment);

    /** Removes a deployment with its events, credentials and tokens; false if there was none. */
    boolean delete(DeploymentId id);
}
