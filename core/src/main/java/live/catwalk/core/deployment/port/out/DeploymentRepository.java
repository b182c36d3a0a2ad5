package live.catwalk.core.deployment.port.out;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Deployments with optimistic locking: an update must carry the version it read, and gets back the stored
 * deployment with the next version. Names are unique per owner, compared exactly. Timestamps are kept to
 * the microsecond. Thread-safe.
 */
public interface DeploymentRepository {

    /**
     * Stores a new deployment at version 0 (whatever version it carries) and returns it as stored; CONFLICT
     * if the id exists or the owner has one of that name, NOT_FOUND if the owner does not exist.
     */
    Deployment insert(Deployment deployment);

    /** The deployment with this id; empty if there is none. */
    Optional<Deployment> find(DeploymentId id);

    /**
     * A page of the owner's deployments, newest ({@code createdAt}) first, ties by id, so pages neither
     * repeat nor skip; {@link IllegalArgumentException} unless {@code offset >= 0} and {@code limit} is 1
     * to 500.
     */
    List<Deployment> listByOwner(UserId owner, int offset, int limit);

    /** Every deployment, of any owner, whose desired state is RUNNING, for the reconciler; in no set order. */
    List<Deployment> listWantedRunning();

    /** How many deployments, of every owner, are in each status; a status none is in is absent. For totals only. */
    Map<DeploymentStatus, Long> countByStatus();

    /**
     * Stores {@code deployment} if the stored version equals its version, and returns it with the version
     * increased; its id, owner and {@code createdAt} stay as inserted. CONFLICT if someone else updated it
     * first (the stored deployment is then unchanged) or the owner has another deployment of the new name,
     * NOT_FOUND if it is gone.
     */
    Deployment update(Deployment deployment);

    /** Removes a deployment with its events, credentials and tokens; false if there was none. */
    boolean delete(DeploymentId id);
}
