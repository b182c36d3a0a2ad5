package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import live.catwalk.core.oauth.domain.GrantId;
import live.catwalk.core.oauth.port.in.ConnectedApps;
import live.catwalk.core.shared.CatwalkException;

/**
 * {@code /api/deployments/{id}/apps}: the applications connected to a deployment through OAuth (each a live grant,
 * with its last use), and {@code DELETE …/apps/{grantId}} to disconnect one at once.
 */
@Path("/api/deployments/{id}/apps")
@Produces(MediaType.APPLICATION_JSON)
public final class ConnectedAppsResource {

    private final ConnectedApps apps;

    ConnectedAppsResource(ConnectedApps apps) {
        this.apps = Objects.requireNonNull(apps, "apps");
    }

    @GET
    public Items list(@Context SecurityContext s, @PathParam("id") String id) {
        return new Items(apps.list(Caller.of(s), Params.deploymentId(id)).stream().map(AppView::of).toList());
    }

    @DELETE
    @Path("{grant}")
    public Response revoke(@Context SecurityContext s, @PathParam("id") String id, @PathParam("grant") String grant) {
        GrantId grantId;
        try {
            grantId = new GrantId(UUID.fromString(grant));
        } catch (IllegalArgumentException e) {
            throw CatwalkException.notFound("This deployment has no such connected application.");
        }
        apps.revoke(Caller.of(s), Params.deploymentId(id), grantId);
        return Response.noContent().build();
    }

    record Items(List<AppView> items) {
    }

    record AppView(String id, String clientId, String name, String kind, List<String> scopes, String grantedAt,
                   String lastUsedAt) {
        static AppView of(ConnectedApps.App a) {
            return new AppView(a.grant().value().toString(), a.client().value(), a.name(),
                    a.kind().name().toLowerCase(Locale.ROOT), a.scopes().stream().sorted().toList(),
                    a.grantedAt().toString(), a.lastUsedAt().map(Instant::toString).orElse(null));
        }
    }
}
