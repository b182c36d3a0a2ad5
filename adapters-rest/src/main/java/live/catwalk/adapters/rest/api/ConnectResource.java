package live.catwalk.adapters.rest.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.port.in.GetDeployment;

/**
 * {@code GET /api/deployments/{id}/connect}: configuration to paste into MCP clients. The token is stored
 * only as a hash, so the snippets carry a {@value #TOKEN} placeholder for the one shown at creation.
 */
@Path("/api/deployments/{id}/connect")
@Produces(MediaType.APPLICATION_JSON)
public final class ConnectResource {

    static final String TOKEN = "<TOKEN>";

    private final GetDeployment get;
    private final Links links;

    ConnectResource(GetDeployment get, Links links) {
        this.get = Objects.requireNonNull(get, "get");
        this.links = Objects.requireNonNull(links, "links");
    }

    @GET
    public Connect connect(@Context SecurityContext security, @PathParam("id") String id) {
        Deployment deployment = get.get(Caller.of(security), Params.deploymentId(id));
        String url = links.base().mcpUrl(deployment.id());
        String name = serverName(deployment);
        String note = "Replace " + TOKEN + " with this deployment's access token. It was shown once, when the "
                + "deployment was created, and cannot be shown again; POST /api/deployments/" + deployment.id()
                + "/token issues a new one and revokes the old.";
        String claudeCode = "claude mcp add --transport http " + name + " " + url
                + " --header \"Authorization: Bearer " + TOKEN + "\"";
        Map<String, Object> desktopServer = new LinkedHashMap<>();
        desktopServer.put("command", "npx");
        desktopServer.put("args", List.of("-y", "mcp-remote", url, "--header", "Authorization:${CATWALK_TOKEN}"));
        desktopServer.put("env", Map.of("CATWALK_TOKEN", "Bearer " + TOKEN));
        Map<String, Object> generic = new LinkedHashMap<>();
        generic.put("type", "http");
        generic.put("url", url);
        generic.put("headers", Map.of("Authorization", "Bearer " + TOKEN));
        return new Connect(name, url, note, claudeCode, Map.of("mcpServers", Map.of(name, desktopServer)), generic);
    }

    /** The display name as an MCP client's server key: lower case, letters, digits, {@code -} and {@code _}. */
    static String serverName(Deployment deployment) {
        String slug = deployment.spec().name().toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_-]+", "-")
                .replaceAll("^-+|-+$", "");
        if (slug.length() > 64) {
            slug = slug.substring(0, 64).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "catwalk-" + deployment.id().value().toLowerCase(Locale.ROOT) : slug;
    }

    record Connect(String serverName, String mcpUrl, String note, String claudeCode,
                   Map<String, Object> claudeDesktop, Map<String, Object> generic) {
    }
}
