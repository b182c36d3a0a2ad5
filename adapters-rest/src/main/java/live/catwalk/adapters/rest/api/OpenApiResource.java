package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the control plane's OpenAPI 3.1 document, as written beside this class; needs no
 * credentials, like the health check. A test keeps it equal to the routes Jersey serves.
 */
@Path("/api/openapi.json")
public final class OpenApiResource {

    private final byte[] document;

    OpenApiResource() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the jar");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("openapi.json is unreadable", e);
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response document() {
        return Response.ok(document, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-cache").build();
    }
}
