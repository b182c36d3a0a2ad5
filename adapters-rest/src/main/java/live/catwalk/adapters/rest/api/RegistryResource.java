package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.analysis.domain.RegistryListing;
import live.catwalk.core.analysis.port.in.BrowseMcpRegistry;
import live.catwalk.core.shared.CatwalkException;

/**
 * {@code /api/registry/servers}: the official MCP registry, searched and paged, each server marked deployable or
 * remote-only; and a deployable server's form at {@code /api/registry/servers/{name}/form}, the name with its
 * {@code /} as it is (the edge refuses an encoded slash).
 */
@Path("/api/registry/servers")
@Produces(MediaType.APPLICATION_JSON)
public final class RegistryResource {

    static final int DEFAULT_PAGE = 30;

    private final BrowseMcpRegistry registry;

    RegistryResource(BrowseMcpRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @GET
    public Page search(@QueryParam("q") String q, @QueryParam("cursor") String cursor,
                       @QueryParam("limit") String limitParam) {
        int limit = Params.intParam("limit", limitParam, DEFAULT_PAGE, 1, 100);
        BrowseMcpRegistry.Page page = registry.search(Optional.ofNullable(q), Optional.ofNullable(cursor), limit);
        return new Page(page.servers().stream().map(Server::of).toList(), page.nextCursor().orElse(null));
    }

    @GET
    @Path("{name: .+}/form")
    public AnalysesResource.FormView form(@PathParam("name") String name) {
        return registry.form(name).map(AnalysesResource.FormView::of).orElseThrow(() ->
                CatwalkException.notFound("the MCP registry has no server " + name).withCode("server_not_found")
                        .withHint("search with GET /api/registry/servers?q=…"));
    }

    /** A page of servers and the cursor of the next (null: the last page). */
    record Page(List<Server> servers, String nextCursor) {
    }

    /** One registry server as listed. */
    record Server(String name, String title, String description, String version, String repository,
                  String status, boolean deployable, boolean remoteOnly, List<String> packages) {

        static Server of(RegistryListing l) {
            return new Server(l.name(), l.title().orElse(null), l.description().orElse(null),
                    l.version().orElse(null), l.repositoryUrl().orElse(null), l.status().orElse(null), l.deployable(),
                    l.remoteOnly(), l.packages());
        }
    }
}
