package live.catwalk.core.mcp.usecase;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.mcp.domain.http.HttpRules;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.protocol.ProtocolVersion;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.port.out.McpAccess;

/**
 * The checks every MCP request passes first, in this order: Host and Origin (DNS rebinding), then the
 * bearer token (an unknown deployment and a wrong token answer alike: 401), then Catwalk's shutdown, then
 * the deployment's endpoint here or, without one, its stored state (stopped, failed: 503; about to start:
 * the request may wait for it), then the session and the {@code MCP-Protocol-Version} header.
 */
final class Admission {

    /** How often a request waiting for a deployment to start looks at its stored state again. */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    /**
     * Either a refusal to send as is, or the endpoint and principal to serve, or (no endpoint, no refusal)
     * a caller admitted to a deployment that is to start here: see {@link #awaitStart}.
     */
    record Outcome(McpHttpResponse refusal, Endpoint endpoint, String principal) {

        boolean refused() {
            return refusal != null;
        }

        boolean starting() {
            return refusal == null && endpoint == null;
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
    private final DeploymentStates states;

    Admission(McpEndpoints endpoints, McpAccess access, DeploymentStates states) {
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints");
        this.access = Objects.requireNonNull(access, "access");
        this.states = Objects.requireNonNull(states, "states");
    }

    /** Host, Origin and the bearer token only: the refusal, or empty. Looks at no deployment state. */
    Optional<McpHttpResponse> screen(McpHttpRequest request) {
        Outcome screened = authenticate(request);
        return Optional.ofNullable(screened.refusal());
    }

    Outcome admit(McpHttpRequest request) {
        return admit(request, () -> null);
    }

    /** All checks up to the endpoint; a refusal for the deployment's state answers the id {@code replyId} gives. */
    Outcome admit(McpHttpRequest request, Supplier<JsonNode> replyId) {
        Outcome authenticated = authenticate(request);
        if (authenticated.refused()) {
            return authenticated;
        }
        if (endpoints.shuttingDown()) {
            return refuse(McpReplies.shuttingDown(replyId.get()));
        }
        Optional<Endpoint> endpoint = endpoints.find(request.deploymentId());
        return endpoint.map(e -> new Outcome(null, e, authenticated.principal()))
                .orElseGet(() -> byState(request.deploymentId(), authenticated.principal(), replyId));
    }

    /**
     * For an outcome that is {@link Outcome#starting}: waits, up to the start timeout, for the deployment to
     * be started here, looking at its stored state every second (stopped or failed meanwhile: refused so).
     */
    Outcome awaitStart(McpHttpRequest request, Outcome starting, Supplier<JsonNode> replyId)
            throws InterruptedException {
        String id = request.deploymentId();
        Outcome[] changed = {null};
        Duration timeout = endpoints.settings().startTimeout();
        Optional<Endpoint> endpoint = endpoints.awaitRegistered(id, timeout, RECHECK, () -> {
            Outcome now = byState(id, starting.principal(), replyId);
            changed[0] = now.starting() ? null : now;
            return changed[0] == null;
        });
        if (endpoint.isPresent()) {
            return new Outcome(null, endpoint.get(), starting.principal());
        }
        if (endpoints.shuttingDown()) {
            return refuse(McpReplies.shuttingDown(replyId.get()));
        }
        return changed[0] != null ? changed[0]
                : refuse(McpReplies.notStarted(id, Math.max(1, timeout.toSeconds()), replyId.get()));
    }

    /**
     * For an admitted caller: 503 with the reason and how to start the deployment again when its server
     * failed for good here (as when it failed before it was started here).
     */
    Optional<McpHttpResponse> failed(McpHttpRequest request, Outcome admitted, Supplier<JsonNode> replyId) {
        return admitted.endpoint().failure()
                .map(why -> McpReplies.failed(request.deploymentId(), why, replyId.get()));
    }

    /** {@link #admit} and {@link #session} in one: the caller's live session, or why not. Never waits. */
    SessionOutcome address(McpHttpRequest request) {
        Outcome admitted = admit(request);
        if (admitted.refused()) {
            return new SessionOutcome(admitted.refusal(), null, null);
        }
        if (admitted.starting()) { // not started here yet, so no session of it can be alive
            return new SessionOutcome(request.headers().first("Mcp-Session-Id").isPresent()
                    ? McpReplies.sessionNotFound() : McpReplies.sessionRequired(), null, null);
        }
        return session(request, admitted);
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
        if (header.isPresent() && ProtocolVersion.offered(header.get().strip()).isEmpty()) {
            return Optional.of(McpReplies.error(400, JsonRpc.TRANSPORT_ERROR, "Bad Request: unsupported "
                    + "MCP-Protocol-Version; this server speaks " + ProtocolVersion.offeredList() + "."));
        }
        return Optional.empty();
    }

    private Outcome authenticate(McpHttpRequest request) {
        var settings = endpoints.settings();
        if (!HttpRules.hostAllowed(request.headers().first("Host").orElse(null), settings.allowedHosts())) {
            return refuse(McpReplies.error(421, JsonRpc.TRANSPORT_ERROR, "Misdirected Request: this server does not "
                    + "answer to that Host name (DNS rebinding protection); add it to the allowed hosts."));
        }
        if (!HttpRules.originAllowed(request.headers().first("Origin").orElse(null), settings.allowedOrigins())) {
            return refuse(McpReplies.error(403, JsonRpc.TRANSPORT_ERROR,
                    "Forbidden: requests from this Origin are not allowed; add it to the allowed origins."));
        }
        return switch (access.decide(request.deploymentId(), request.headers(), request.bearerToken())) {
            case McpAccess.Decision.Granted granted -> new Outcome(null, null, granted.principal());
            case McpAccess.Decision.Refused refused -> refuse(McpReplies.unauthorized(refused.challenge()));
        };
    }

    /**
     * A deployment without an endpoint here, by its stored state: unknown or deleted answers as a wrong token
     * does; stopped and failed are refused with how to start it; anything else wanted running is starting.
     */
    private Outcome byState(String deploymentId, String principal, Supplier<JsonNode> replyId) {
        Optional<DeploymentStates.Stored> stored = states.find(deploymentId);
        if (stored.isEmpty() || stored.get().status() == DeploymentStatus.DELETED) {
            return refuse(McpReplies.unauthorized());
        }
        if (stored.get().desired() == DesiredState.STOPPED) {
            return refuse(McpReplies.stopped(deploymentId, replyId.get()));
        }
        if (stored.get().status() == DeploymentStatus.FAILED) {
            return refuse(McpReplies.failed(deploymentId, stored.get().reason().orElse(""), replyId.get()));
        }
        return new Outcome(null, null, principal);
    }

    private static Outcome refuse(McpHttpResponse response) {
        return new Outcome(response, null, null);
    }
}
