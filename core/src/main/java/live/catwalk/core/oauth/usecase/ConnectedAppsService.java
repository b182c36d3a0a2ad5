package live.catwalk.core.oauth.usecase;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.GrantId;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.port.in.ConnectedApps;
import live.catwalk.core.oauth.port.out.OAuthStore;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.DeploymentId;

/** Lists and revokes a deployment's live grants, for its owner or an admin only. */
public final class ConnectedAppsService implements ConnectedApps {

    private final OAuthStore store;
    private final DeploymentRepository deployments;
    private final Clock clock;

    public ConnectedAppsService(OAuthStore store, DeploymentRepository deployments, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<App> list(Principal caller, DeploymentId deployment) {
        reachable(caller, deployment);
        return store.grantsOf(deployment).stream().map(this::app).toList();
    }

    @Override
    public void revoke(Principal caller, DeploymentId deployment, GrantId grant) {
        reachable(caller, deployment);
        boolean ours = store.findGrant(grant).filter(g -> g.deployment().equals(deployment) && g.isLive())
                .isPresent();
        if (!ours || !store.revokeGrant(grant, clock.instant())) {
            throw CatwalkException.notFound("This deployment has no such connected application.")
                    .withHint("List them with GET /api/deployments/" + deployment + "/apps.");
        }
    }

    private void reachable(Principal caller, DeploymentId deployment) {
        deployments.find(deployment).filter(d -> caller.isAdmin() || d.owner().equals(caller.user()))
                .orElseThrow(() -> CatwalkException.notFound("no deployment " + deployment));
    }

    private App app(Grant g) {
        OAuthClient client = store.findClient(g.client()).orElseThrow(() -> new IllegalStateException(
                "a live grant's client is gone: " + g.client()));
        return new App(g.id(), client.id(), client.name(), client.kind(), g.scopes(), g.createdAt(), g.lastUsedAt());
    }
}
