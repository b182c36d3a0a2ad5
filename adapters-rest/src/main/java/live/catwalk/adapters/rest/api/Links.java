package live.catwalk.adapters.rest.api;

import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * Absolute URLs for responses, on the server's own base URL (the configured public URL, or else the address
 * it is bound to): never on a request's {@code Host}, which a client or a proxy chooses.
 */
final class Links {

    private final Supplier<URI> base;

    Links(Supplier<URI> base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** The URLs on the server's base URL. */
    Base base() {
        String text = base.get().toString();
        return new Base(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** A base URL without its trailing slash. */
    record Base(String url) {

        String mcpUrl(DeploymentId id) {
            return url + "/mcp/" + id.value();
        }

        URI deployment(DeploymentId id) {
            return URI.create(url + "/api/deployments/" + id.value());
        }

        URI analysis(String id) {
            return URI.create(url + "/api/analyses/" + id);
        }
    }
}
