package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Optional;
import live.catwalk.core.deployment.domain.DeploymentId;

/** Absolute URLs for responses: on the configured public URL, or else on the request's own base URI. */
final class Links {

    private final Optional<String> publicBase;

    Links(Optional<URI> publicUrl) {
        this.publicBase = publicUrl.map(Links::withoutTrailingSlash);
    }

    /** The URLs as seen from this request. */
    Base on(UriInfo request) {
        return new Base(publicBase.orElseGet(() -> withoutTrailingSlash(request.getBaseUri())));
    }

    private static String withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** A base URL without its trailing slash. */
    record Base(String url) {

        String mcpUrl(DeploymentId id) {
            return url + "/mcp/" + id.value();
        }

        URI deployment(DeploymentId id) {
            return URI.create(url + "/api/deployments/" + id.value());
        }
    }
}
