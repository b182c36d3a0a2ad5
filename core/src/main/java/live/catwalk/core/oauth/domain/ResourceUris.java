package live.catwalk.core.oauth.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * The protected resources Catwalk serves, one per deployment: {@code <public URL>mcp/<id>}, the token audience
 * (RFC 8707). A client's {@code resource} is compared after normalising: scheme and host in lower case, the default
 * port dropped, one trailing slash removed.
 */
public final class ResourceUris {

    private ResourceUris() {
    }

    /**
     * The authorization server's issuer identifier on {@code base}: the public URL without its trailing slash, as
     * its metadata's {@code issuer}, the {@code iss} of its redirects and every resource's
     * {@code authorization_servers} name it.
     */
    public static String issuer(URI base) {
        String s = base.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** A deployment's canonical resource URI on {@code base} (an absolute URL ending in {@code /}). */
    public static URI of(URI base, DeploymentId deployment) {
        return normalized(base.resolve("mcp/" + deployment.value()));
    }

    /**
     * The deployment a {@code resource} parameter names on {@code base}, or empty when it is not one (malformed,
     * relative, with a fragment, another host or path).
     */
    public static Optional<DeploymentId> deployment(URI base, String resource) {
        if (resource == null || resource.isEmpty() || resource.length() > ClientMetadataDocument.MAX_URL) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(resource);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (!uri.isAbsolute() || uri.getRawFragment() != null || uri.getRawQuery() != null || uri.getHost() == null) {
            return Optional.empty();
        }
        URI resourceUri = normalized(uri);
        URI root = normalized(base.resolve("mcp/"));
        String prefix = root.toString() + "/";
        String named = resourceUri.toString();
        if (!named.startsWith(prefix)) {
            return Optional.empty();
        }
        return DeploymentId.parse(named.substring(prefix.length()))
                .filter(deployment -> of(base, deployment).equals(resourceUri));
    }

    /** {@code uri} with its scheme and host in lower case, no default port and no trailing slash. */
    static URI normalized(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port == 443 && scheme.equals("https") || port == 80 && scheme.equals("http")) {
            port = -1;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String authority = (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + (port == -1 ? "" : ":" + port);
        return URI.create(scheme + "://" + authority + path);
    }
}
