package live.catwalk.core.mcp.usecase;

import java.util.Arrays;
import java.util.Optional;
import live.catwalk.core.mcp.domain.http.HttpRules;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.protocol.ProtocolVersion;
import live.catwalk.core.mcp.port.out.McpAccess;

/**
 * The checks every MCP request passes first, in this order: Host and Origin (DNS rebinding), then the
 * bearer token (an unknown deployment and a wrong token answer alike), then the session and the
 * {@code MCP-Protocol-Version} header.
 */
final class Admission {

    /** Either a refusal to send as is, or the endpoint and principal to serve. */
    record Outcome(McpHttpResponse refusal, Endpoint endpoint, String principal) {

        boolean refused() {
            return refusal != null;
        }
    }

    /** Either a refusal, or the live session addressed and its endpoint. */
    record SessionOutcome(McpHttpResponse refusal, Endpoint endpoint, Endpoint.Attached attached) {

        boolean refused() {
            return refusal != null;
        }
    }

    private final McpEndpoints endpoints;
    private final McpAccess access;

    Admission(McpEndpoints endpoints, McpAccess access) {
        this.endpoints = endpoints;
        this.access = access;
    }

    Outcome admit(McpHttpRequest request) {
        var settings = endpoints.settings();
        if (!HttpRules.hostAllowed(request.headers().first("Host").orElse(null), settings.allowedHosts())) {
            return refuse(McpReplies.error(421, JsonRpc.TRANSPORT_ERROR, "Misdirected Request: this server does not "
                    + "answer to that Host name (DNS rebinding protection); add it to the allowed hosts."));
        }
        if (!HttpRules.originAllowed(request.headers().first("Origin").orElse(null), settings.allowedOrigins())) {
            return refuse(McpReplies.error(403, JsonRpc.TRANSPORT_ERROR,
                    "Forbidden: requests from this Origin are not allowed; add it to the allowed origins."));
        }
        Optional<String> principal = access.authenticate(request.deploymentId(), request.bearerToken());
        Optional<Endpoint> endpoint = endpoints.find(request.deploymentId());
        if (principal.isEmpty() || endpoint.isEmpty()) {
            return refuse(McpReplies.unauthorized());
        }
        return new Outcome(null, endpoint.get(), principal.get());
    }

    /** {@link #admit} and {@link #session} in one: the caller's live session, or why not. */
    SessionOutcome address(McpHttpRequest request) {
        Outcome admitted = admit(request);
        return admitted.refused() ? new SessionOutcome(admitted.refusal(), null, null) : session(request, admitted);
    }

    /** The session named by {@code Mcp-Session-Id}, checked against the caller and the version header. */
    SessionOutcome session(McpHttpRequest request, Outcome admitted) {
        Optional<String> id = request.headers().first("Mcp-Session-Id");
        if (id.isEmpty()) {
            return new SessionOutcome(McpReplies.sessionRequired(), null, null);
        }
        Optional<Endpoint.Attached> attached = admitted.endpoint().find(id.get(), admitted.principal());
        if (attached.isEmpty()) {
            return new SessionOutcome(McpReplies.sessionNotFound(), null, null);
        }
        Optional<McpHttpResponse> badVersion = versionProblem(request);
        if (badVersion.isPresent()) {
            return new SessionOutcome(badVersion.get(), null, null);
        }
        attached.get().session().touch(endpoints.clock().instant());
        return new SessionOutcome(null, admitted.endpoint(), attached.get());
    }

    /** 400 for an {@code MCP-Protocol-Version} Catwalk does not serve; absent means 2025-03-26. */
    static Optional<McpHttpResponse> versionProblem(McpHttpRequest request) {
        Optional<String> header = request.headers().first("MCP-Protocol-Version");
        if (header.isPresent() && ProtocolVersion.parse(header.get().strip()).isEmpty()) {
            return Optional.of(McpReplies.error(400, JsonRpc.TRANSPORT_ERROR, "Bad Request: unsupported "
                    + "MCP-Protocol-Version; this server speaks " + supported() + "."));
        }
        return Optional.empty();
    }

    private static String supported() {
        return String.join(", ", Arrays.stream(ProtocolVersion.values()).map(ProtocolVersion::wire).toList());
    }

    private static Outcome refuse(McpHttpResponse response) {
        return new Outcome(response, null, null);
    }
}
