package live.catwalk.adapters.rest;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import live.catwalk.adapters.rest.api.ControlPlane;
import live.catwalk.adapters.rest.api.ControlPlaneApi;
import live.catwalk.adapters.rest.api.EventStreams;
import live.catwalk.adapters.rest.api.GitHubSessionResource;
import live.catwalk.adapters.rest.oauth.AuthorizationServer;
import live.catwalk.adapters.rest.oauth.GitHubSignInResource;
import live.catwalk.adapters.rest.web.IndexResource;
import live.catwalk.core.account.port.in.SignInWithGitHub;

/** The Jersey resources and filters of the control plane, the dashboard, sign-in and the authorization server. */
final class ServedComponents {

    private ServedComponents() {
    }

    /**
     * What {@code plane} serves with absolute links on {@code base}; cookies are Secure when that is https; sign-in
     * and the token endpoints within {@code limits}.
     */
    static List<Object> of(ControlPlane plane, Supplier<URI> base, EventStreams streams,
                           Optional<AuthorizationServer> authorizationServer, SignInWithGitHub github,
                           EdgeLimits limits) {
        List<Object> served = new ArrayList<>(ControlPlaneApi.components(plane, base, streams, limits));
        served.add(new IndexResource());
        BooleanSupplier secure = () -> "https".equals(base.get().getScheme());
        served.add(new GitHubSessionResource(github, secure));
        served.add(new GitHubSignInResource(github, authorizationServer.map(AuthorizationServer::authorize), secure));
        authorizationServer.ifPresent(as -> served.addAll(as.components(plane.accounts().sessions(), base, github, limits)));
        return served;
    }
}
