package live.catwalk.adapters.rest.oauth;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import live.catwalk.core.oauth.domain.ResourceUris;
import live.catwalk.core.shared.CatwalkException;

/**
 * OAuth protected resource metadata (RFC 9728), public like every discovery document: one per deployment at the
 * path-inserted {@code /.well-known/oauth-protected-resource/mcp/{id}} (its {@code resource} is the deployment's MCP
 * URL, the tokens' audience) and a root document for clients that look there first. Catwalk itself is the
 * authorization server. Unknown deployments are 404.
 */
@Path("/.well-known/oauth-protected-resource")
@Produces(MediaType.APPLICATION_JSON)
public final class ResourceMetadataResource {

    private final Supplier<URI> base;
    private final Predicate<String> deploymentExists;

    /** {@code base}: the public (or bound) URL ending in {@code /}; {@code deploymentExists}: by id as the path has it. */
    public ResourceMetadataResource(Supplier<URI> base, Predicate<String> deploymentExists) {
        this.base = Objects.requireNonNull(base, "base");
        this.deploymentExists = Objects.requireNonNull(deploymentExists, "deploymentExists");
    }

    @GET
    public Response root() {
        return document(ResourceUris.issuer(base.get()));
    }

    @GET
    @Path("mcp/{id}")
    public Response deployment(@PathParam("id") String id) {
        if (!deploymentExists.test(id)) {
            throw CatwalkException.notFound("There is no such deployment.");
        }
        return document(base.get().resolve("mcp/" + id).toString());
    }

    /** The path-inserted metadata URL of a deployment's MCP endpoint on {@code base}. */
    public static String of(URI base, String deploymentId) {
        return base.resolve(".well-known/oauth-protected-resource/mcp/" + deploymentId).toString();
    }

    private Response document(String resource) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("resource", resource);
        doc.put("authorization_servers", List.of(ResourceUris.issuer(base.get())));
        doc.put("scopes_supported", List.of("mcp"));
        doc.put("bearer_methods_supported", List.of("header"));
        return Response.ok(doc).header("Access-Control-Allow-Origin", "*").header("Cache-Control", "max-age=300")
                .build();
    }
}
