package live.catwalk.adapters.rest.api;

import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import live.catwalk.adapters.rest.EdgeLimits;

/** The Jersey components of the control-plane API, as instances for {@link live.catwalk.adapters.rest.RestServer}. */
public final class ControlPlaneApi {

    private ControlPlaneApi() {
    }

    /**
     * The bearer-token filter and one resource per group of endpoints; links in responses are built on
     * {@code base} (the server's public or bound URL, read when a response is made).
     */
    public static List<Object> components(ControlPlane plane, Supplier<URI> base) {
        return components(plane, base, EventStreams.standard());
    }

    /** As {@link #components(ControlPlane, Supplier)}, with the event streams served through {@code streams}. */
    public static List<Object> components(ControlPlane plane, Supplier<URI> base, EventStreams streams) {
        return components(plane, base, streams, EdgeLimits.none());
    }

    /** As above, with authentication (bearer, session, sign-in) and each token's requests within {@code limits}. */
    public static List<Object> components(ControlPlane plane, Supplier<URI> base, EventStreams streams,
                                          EdgeLimits limits) {
        var accounts = plane.accounts();
        var deployments = plane.deployments();
        var links = new Links(base);
        var pages = new DeploymentPages(deployments.list(), deployments.files(), links);
        return List.of(
                new BearerAuthFilter(accounts.authenticate(), accounts.sessions(), limits),
                new SessionResource(accounts.sessions(), accounts.getMe(),
                        plane.publicUrl().map(u -> "https".equals(u.getScheme())).orElse(false), limits),
                new MeResource(accounts.getMe()),
                new UsersResource(accounts.createUser(), accounts.listUsers(), accounts.disableUser(),
                        accounts.enableUser(), accounts.listUserTokens()),
                new TokensResource(accounts.issueToken(), accounts.listTokens(), accounts.revokeToken()),
                new SettingsResource(accounts.readSettings(), accounts.updateSettings(), plane.settingsInUse()),
                new DeploymentsResource(deployments.create(), plane.analyses().deploy(), pages, links),
                new EventsResource(pages, streams),
                new AnalysesResource(plane.analyses().analyse(), plane.analyses().get(), links),
                new RegistryResource(plane.analyses().registry()),
                new OpenApiResource(),
                new DeploymentResource(deployments, links, streams),
                new ConnectResource(deployments.get(), links),
                new ConnectedAppsResource(plane.apps()));
    }
}
