package live.catwalk.core.mcp.domain.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.protocol.ProtocolVersion;

/** The MCP engine's one mapping of refusals to HTTP: a status plus a JSON-RPC error body. */
public final class McpReplies {

    public static final Map<String, String> NO_HEADERS = Map.of();
    /** What a client is told of requests that Catwalk's shutdown ended or refused. */
    public static final String SHUTTING_DOWN = "Catwalk is shutting down (restarting or stopping); retry shortly.";
    private static final Map<String, String> RETRY_LATER = Map.of("Retry-After", "5");

    private McpReplies() {
    }

    /** A refusal: {@code status} with a JSON-RPC error of {@code code} and no id. */
    public static McpHttpResponse error(int status, int code, String message) {
        return error(status, code, message, null, NO_HEADERS);
    }

    /** A JSON-RPC error answering request {@code id} (null if unknown), with extra response headers. */
    public static McpHttpResponse error(int status, int code, String message, JsonNode id, Map<String, String> headers) {
        return new McpHttpResponse.Json(status, headers, JsonRpc.bytes(JsonRpc.error(id, code, message)));
    }

    /** 401 with the plain {@link Challenge#bearer()}. */
    public static McpHttpResponse unauthorized() {
        return unauthorized(Challenge.bearer());
    }

    /** 401 with {@code challenge} as its {@code WWW-Authenticate} header: with 403's, the one place it is made. */
    public static McpHttpResponse unauthorized(Challenge challenge) {
        return error(401, JsonRpc.TRANSPORT_ERROR,
                "Unauthorized: send the deployment's access token as 'Authorization: Bearer <token>'.", null,
                Map.of("WWW-Authenticate", challenge.header()));
    }

    /**
     * 403 with {@code challenge} (an {@code insufficient_scope} one) as its {@code WWW-Authenticate} header: the
     * token is valid, but not for this endpoint's scope.
     */
    public static McpHttpResponse forbidden(Challenge challenge) {
        return error(403, JsonRpc.TRANSPORT_ERROR, "Forbidden: the access token was not granted the scope this "
                + "endpoint needs (" + challenge.scope().orElse("see WWW-Authenticate") + "); authorize again "
                + "asking for it.", null, Map.of("WWW-Authenticate", challenge.header()));
    }

    public static McpHttpResponse sessionRequired() {
        return sessionRequired(null);
    }

    /** As above, answering request {@code id} (null if unknown). */
    public static McpHttpResponse sessionRequired(JsonNode id) {
        return error(400, JsonRpc.TRANSPORT_ERROR,
                "Bad Request: the Mcp-Session-Id header is required; start a session with 'initialize'.", id,
                NO_HEADERS);
    }

    /**
     * 400 for a {@code server/discover} without the 2026-07-28 {@code _meta} claim (so of no revision Catwalk
     * serves statelessly): the client may send the claim, or fall back to {@code initialize}.
     */
    public static McpHttpResponse discoverUnsupported(JsonNode id) {
        return error(400, JsonRpc.TRANSPORT_ERROR, "Bad Request: server/discover needs _meta[\"io.modelcontextprotocol/"
                + "protocolVersion\"] (2026-07-28); without it, start a session with 'initialize' (2025 revisions: "
                + ProtocolVersion.offeredList() + ").", id, NO_HEADERS);
    }

    /**
     * A 2025 {@code initialize} to a deployment whose server speaks only the stateless revision: 400, naming the
     * revisions it speaks and the one {@code requested}, as such a server answers it itself.
     */
    public static McpHttpResponse modernOnly(JsonNode id, String requested) {
        var error = JsonRpc.object().put("code", JsonRpc.INVALID_PARAMS).put("message", "This deployment's MCP server "
                + "speaks only MCP 2026-07-28, which has no initialize: connect with a client of that revision (a client "
                + "that asks server/discover first, as Claude Code does, needs no initialize).");
        var data = error.putObject("data");
        var supported = data.putArray("supported");
        ProtocolVersion.STATELESS.forEach(v -> supported.add(v.wire()));
        data.put("requested", requested);
        return new McpHttpResponse.Json(400, NO_HEADERS, JsonRpc.bytes(JsonRpc.error(id, error)));
    }

    /**
     * {@code reply}, of the gateway's own, as the request's revision has it: to a {@code stateless} (2026-07-28)
     * request, which revision retired {@code -32002}, that code is {@code -32603}; anything else as it is.
     */
    public static McpHttpResponse inEra(boolean stateless, McpHttpResponse reply) {
        if (stateless && reply instanceof McpHttpResponse.Json json) {
            var body = JsonRpc.parse(json.body());
            if (body.path("error").path("code").asInt() == JsonRpc.SERVER_UNAVAILABLE) {
                ((ObjectNode) body.get("error")).put("code", JsonRpc.INTERNAL_ERROR);
                return new McpHttpResponse.Json(json.status(), json.headers(), JsonRpc.bytes(body));
            }
        }
        return reply;
    }

    /** 503 while Catwalk shuts down (to restart, or for good): see {@link #SHUTTING_DOWN}. */
    public static McpHttpResponse shuttingDown(JsonNode id) {
        return error(503, JsonRpc.SERVER_UNAVAILABLE, SHUTTING_DOWN, id, RETRY_LATER);
    }

    /**
     * 503 when the caller's token cannot be checked now (Catwalk's database is unreachable): {@code message} says why,
     * without secrets; retry shortly.
     */
    public static McpHttpResponse accessUnavailable(String message) {
        return error(503, JsonRpc.SERVER_UNAVAILABLE, message + " The token cannot be checked now; retry shortly.",
                null, RETRY_LATER);
    }

    /** 503 for a deployment its owner stopped, with how to start it. */
    public static McpHttpResponse stopped(String deploymentId, JsonNode id) {
        return error(503, JsonRpc.SERVER_UNAVAILABLE, "The deployment is stopped; its owner can start it with "
                + "POST /api/deployments/" + deploymentId + "/start.", id, NO_HEADERS);
    }

    /** 503 for a deployment that failed, with its stored (secret-free) reason and how to start it again. */
    public static McpHttpResponse failed(String deploymentId, String reason, JsonNode id) {
        String why = reason.isBlank() ? "no reason was recorded" : reason.strip();
        return error(503, JsonRpc.SERVER_UNAVAILABLE, "The deployment failed: " + why + (why.endsWith(".") ? "" : ".")
                + " Fix the cause, then start it again with POST /api/deployments/" + deploymentId + "/start.", id,
                NO_HEADERS);
    }

    /** 503 for a deployment that was to start but was not started here within {@code seconds}. */
    public static McpHttpResponse notStarted(String deploymentId, long seconds, JsonNode id) {
        return error(503, JsonRpc.SERVER_UNAVAILABLE, "The deployment did not start within " + seconds + " s; "
                + "retry shortly, or see its status and events at GET /api/deployments/" + deploymentId + ".", id,
                RETRY_LATER);
    }

    public static McpHttpResponse sessionNotFound() {
        return error(404, JsonRpc.SESSION_NOT_FOUND,
                "Session not found: it expired or was ended; start a new one with 'initialize'.");
    }

    /** 405 for anything but POST, GET and DELETE. */
    public static McpHttpResponse methodNotAllowed(String method) {
        return error(405, JsonRpc.TRANSPORT_ERROR, "Method Not Allowed: " + method + " is not part of the MCP "
                + "transport; use POST, GET or DELETE.", null, Map.of("Allow", "GET, POST, DELETE"));
    }

    public static McpHttpResponse accepted() {
        return new McpHttpResponse.Empty(202, NO_HEADERS);
    }
}
