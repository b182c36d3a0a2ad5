package live.catwalk.adapters.rest.api;

import java.util.List;

/** The Jersey components of the control-plane API, as instances for {@link live.catwalk.adapters.rest.RestServer}. */
public final class ControlPlaneApi {

    private ControlPlaneApi() {
    }

    /** The bearer-token filter and one resource per group of endpoints. */
    public static List<Object> components(ControlPlane plane) {
        var accounts = plane.accounts();
        var deployments = plane.deployments();
        var links = new Links(plane.publicUrl());
        return List.of(
                new BearerAuthFilter(accounts.authenticate()),
                new MeResource(accounts.getMe()),
                new UsersResource(accounts.createUser(), accounts.listUsers(), accounts.disableUser(),
                        accounts.enableUser(), accounts.listUserTokens()),
                new TokensResource(accounts.issueToken(), accounts.listTokens(), accounts.revokeToken()),
                new SettingsResource(accounts.readSettings(), accounts.updateSettings()),
                new DeploymentsResource(deployments.create(), deployments.list(), links),
                new DeploymentResource(deployments, links),
                new ConnectResource(deployments.get(), links));
    }
}
