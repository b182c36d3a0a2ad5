package live.catwalk.core.oauth.usecase;

import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;
import live.catwalk.core.oauth.domain.ResourceUris;
import live.catwalk.core.shared.domain.DeploymentId;

/** The resources (deployments) on Catwalk's public base URI, and whether a {@code resource} parameter names one. */
final class ResourceParameter {

    private final Supplier<URI> base;

    /** {@code base}: the public URI, absolute http(s) with a path ending in {@code /}; checked now. */
    ResourceParameter(URI base) {
        URI checked = checked(base);
        this.base = () -> checked;
    }

    /** {@code base} read at each use (it may be known only once the server is bound), and checked then. */
    ResourceParameter(Supplier<URI> base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    private static URI checked(URI base) {
        Objects.requireNonNull(base, "base");
        if (!base.isAbsolute() || base.getHost() == null || !("https".equals(base.getScheme())
                || "http".equals(base.getScheme())) || base.getRawPath() == null || !base.getRawPath().endsWith("/")
                || base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException("the public base is an absolute http(s) URI ending in /: " + base);
        }
        return base;
    }

    private URI base() {
        return checked(base.get());
    }

    /** A deployment's canonical resource URI. */
    URI of(DeploymentId deployment) {
        return ResourceUris.of(base(), deployment);
    }

    /** Whether {@code sent} names some deployment's resource on this base (after normalising). */
    boolean namesADeployment(String sent) {
        return ResourceUris.deployment(base(), sent).isPresent();
    }

    /** Whether {@code sent} names exactly the resource {@code bound} (after normalising). */
    boolean names(String sent, URI bound) {
        URI b = base();
        return ResourceUris.deployment(b, sent).map(d -> ResourceUris.of(b, d)).filter(bound::equals).isPresent();
    }
}
