package live.catwalk.adapters.rest.mcp;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.port.in.EndMcpSession;
import live.catwalk.core.mcp.port.in.HandleMcpPost;
import live.catwalk.core.mcp.port.in.OpenMcpStream;

/**
 * The MCP Streamable HTTP endpoint of a deployment: translates JAX-RS to core's exchange model and back,
 * and nothing more (the protocol rules live in core). Streams are written event by event, with no
 * compression and no payload logging. The bearer token comes from {@code Authorization: Bearer} or, for
 * clients that cannot set headers, from {@code ?token=}.
 */
public abstract class McpEndpointResource {

    private final HandleMcpPost post;
    private final OpenMcpStream open;
    private final EndMcpSession end;
    private final Duration heartbeat;

    McpEndpointResource(HandleMcpPost post, OpenMcpStream open, EndMcpSession end, Duration heartbeat) {
        this.post = Objects.requireNonNull(post, "post");
        this.open = Objects.requireNonNull(open, "open");
        this.end = Objects.requireNonNull(end, "end");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
    }

    @POST
    public Response post(@PathParam("deploymentId") String deploymentId, @Context HttpHeaders headers,
                         @Context UriInfo uri, byte[] body) {
        return translate(post.handle(request("POST", deploymentId, headers, uri, body)));
    }

    @GET
    public Response get(@PathParam("deploymentId") String deploymentId, @Context HttpHeaders headers,
                        @Context UriInfo uri) {
        return translate(open.open(request("GET", deploymentId, headers, uri, null)));
    }

    @DELETE
    public Response delete(@PathParam("deploymentId") String deploymentId, @Context HttpHeaders headers,
                           @Context UriInfo uri) {
        return translate(end.end(request("DELETE", deploymentId, headers, uri, null)));
    }

    /** Explicit, or Jersey would answer HEAD by running GET, which opens a stream. */
    @HEAD
    public Response head() {
        return translate(McpReplies.methodNotAllowed("HEAD"));
    }

    @PUT
    public Response put() {
        return translate(McpReplies.methodNotAllowed("PUT"));
    }

    @PATCH
    public Response patch() {
        return translate(McpReplies.methodNotAllowed("PATCH"));
    }

    private static McpHttpRequest request(String method, String deploymentId, HttpHeaders headers, UriInfo uri,
                                          byte[] body) {
        Optional<String> token = bearer(headers.getHeaderString(HttpHeaders.AUTHORIZATION))
                .or(() -> Optional.ofNullable(uri.getQueryParameters().getFirst("token")).filter(t -> !t.isBlank()));
        return new McpHttpRequest(deploymentId, method, Headers.of(headers.getRequestHeaders()), body, token);
    }

    static Optional<String> bearer(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String token = value.substring(space + 1).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /**
     * A vanished client is noticed when a write to it fails (Grizzly does not read a connection whose
     * response is streaming), at the latest at the next heartbeat; a client that reconnects with
     * Last-Event-ID takes its stream over at once.
     */
    private Response translate(McpHttpResponse response) {
        Response.ResponseBuilder builder = Response.status(response.status());
        response.headers().forEach(builder::header);
        return switch (response) {
            case McpHttpResponse.Json json -> builder.type("application/json").entity(json.body()).build();
            case McpHttpResponse.Empty empty -> builder.build();
            case McpHttpResponse.Stream stream -> builder.type("text/event-stream")
                    .header("Cache-Control", "no-cache, no-transform")
                    .header("X-Accel-Buffering", "no")
                    .entity(SsePump.start(stream.source(), heartbeat)).build();
        };
    }
}
