package live.catwalk.core.deployment.domain;

import live.catwalk.core.shared.domain.DeploymentId;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.shared.CatwalkException;

/**
 * A deployment the operator defines in the deployments file ({@code CATWALK_DEPLOYMENTS_FILE}): its id, its spec
 * (named by its id, its package pinned when it could be), where it is, and why (FAILED). Read-only through the API.
 */
public record FileDeployment(DeploymentId id, DeploymentSpec spec, DeploymentStatus status, Optional<String> reason) {

    public FileDeployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(status, "status");
        reason = Objects.requireNonNull(reason, "reason")
                .map(r -> r.length() > Deployment.MAX_REASON ? r.substring(0, Deployment.MAX_REASON) : r);
    }

    /** This deployment as it is now. */
    public FileDeployment in(DeploymentStatus now, Optional<String> why) {
        return new FileDeployment(id, spec, now, why);
    }

    /** What a change to a file's deployment through the API is answered: CONFLICT, code {@code managed_by_file}. */
    public static CatwalkException managedByFile(DeploymentId id) {
        return CatwalkException.of(CatwalkException.Kind.CONFLICT, "deployment " + id
                        + " is defined in the deployments file (CATWALK_DEPLOYMENTS_FILE) and cannot be changed through the API")
                .withCode("managed_by_file")
                .withHint("edit its entry in the deployments file and restart Catwalk; its server's output is in"
                        + " Catwalk's own log");
    }
}
