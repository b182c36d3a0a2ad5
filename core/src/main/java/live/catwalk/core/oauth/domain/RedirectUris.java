package live.catwalk.core.oauth.domain;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Whether a redirect URI an authorization request names is one the client registered: the same string, except that
 * on a loopback host over http ({@code 127.0.0.1}, {@code [::1]} or {@code localhost}) any port matches (RFC 8252
 * §7.3; native clients such as Claude Code listen on a port of the moment and register their URIs without one).
 */
public final class RedirectUris {

    private RedirectUris() {
    }

    /** Whether {@code requested} matches one of {@code registered}. */
    public static boolean registered(List<URI> registered, URI requested) {
        Objects.requireNonNull(requested, "requested");
        return registered.stream().anyMatch(r -> matches(r, requested));
    }

    /** Whether {@code requested} is {@code registered}, or the same loopback URI on another port. */
    public static boolean matches(URI registered, URI requested) {
        if (registered.toString().equals(requested.toString())) {
            return true;
        }
        boolean loopback = "http".equals(registered.getScheme()) && "http".equals(requested.getScheme())
                && registered.getHost() != null && requested.getHost() != null
                && ClientMetadataDocument.isLoopbackHost(registered.getHost())
                && registered.getHost().equalsIgnoreCase(requested.getHost());
        return loopback && registered.getRawUserInfo() == null && requested.getRawUserInfo() == null
                && Objects.equals(registered.getRawPath(), requested.getRawPath())
                && Objects.equals(registered.getRawQuery(), requested.getRawQuery())
                && requested.getRawFragment() == null;
    }
}
