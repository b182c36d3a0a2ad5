package live.catwalk.core.mcp.usecase;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import live.catwalk.core.mcp.domain.GatewaySettings;
import live.catwalk.core.mcp.domain.ServerCommand;
import live.catwalk.core.mcp.domain.SessionMode;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.domain.protocol.ProtocolVersion;
import live.catwalk.core.mcp.port.out.SessionIdSource;
import live.catwalk.core.mcp.port.out.StdioServers;

/**
 * The MCP endpoints of all deployments, shared by the MCP use cases: the composition root registers a
 * deployment's server command and session mode here, and closes everything at shutdown. Thread-safe.
 */
public final class McpEndpoints implements AutoCloseable {

    private final StdioServers servers;
    private final SessionIdSource ids;
    private final Clock clock;
    private final GatewaySettings settings;
    private final String productVersion;
    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();

    public McpEndpoints(StdioServers servers, SessionIdSource ids, Clock clock, GatewaySettings settings,
                        String productVersion) {
        this.servers = Objects.requireNonNull(servers, "servers");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.productVersion = Objects.requireNonNull(productVersion, "productVersion");
    }

    /**
     * Adds a deployment's endpoint and, in shared mode, starts its server. Returns why the server could
     * not be started (the endpoint then answers requests with that reason). Throws
     * {@code IllegalArgumentException} for a deployment id registered twice.
     */
    public Optional<String> register(String deploymentId, ServerCommand command, SessionMode mode) {
        Endpoint endpoint = new Endpoint(command, mode, this);
        if (endpoints.putIfAbsent(deploymentId, endpoint) != null) {
            throw new IllegalArgumentException("deployment registered twice: " + deploymentId);
        }
        return endpoint.start();
    }

    /** Each deployment's state for health reports, e.g. {@code ready, 2 sessions} or {@code failed, 0 sessions}. */
    public Map<String, String> status() {
        Map<String, String> status = new LinkedHashMap<>();
        endpoints.forEach((id, endpoint) -> status.put(id, endpoint.status()));
        return status;
    }

    /** Whether every shared server is running or on its way back up. */
    public boolean healthy() {
        return endpoints.values().stream().allMatch(Endpoint::healthy);
    }

    /** Ends every session and stops every server. */
    @Override
    public void close() {
        endpoints.values().forEach(Endpoint::close);
        endpoints.clear();
    }

    Optional<Endpoint> find(String deploymentId) {
        return Optional.ofNullable(endpoints.get(deploymentId));
    }

    Iterable<Endpoint> all() {
        return endpoints.values();
    }

    StdioServers servers() {
        return servers;
    }

    SessionIdSource ids() {
        return ids;
    }

    Clock clock() {
        return clock;
    }

    GatewaySettings settings() {
        return settings;
    }

    /** What the gateway tells a shared server at initialize: the newest version, every client capability. */
    ObjectNode gatewayInitParams() {
        ObjectNode params = JsonRpc.object().put("protocolVersion", ProtocolVersion.LATEST.wire());
        ObjectNode capabilities = params.putObject("capabilities");
        capabilities.putObject("sampling");
        capabilities.putObject("elicitation");
        capabilities.putObject("roots").put("listChanged", true);
        params.putObject("clientInfo").put("name", "catwalk").put("version", productVersion);
        return params;
    }
}
