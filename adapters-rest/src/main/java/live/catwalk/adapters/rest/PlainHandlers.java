package live.catwalk.adapters.rest;

import java.time.Duration;
import live.catwalk.adapters.rest.mcp.McpActivity;
import live.catwalk.adapters.rest.mcp.McpEndpoint;
import live.catwalk.adapters.rest.metrics.MetricsEndpoint;
import live.catwalk.adapters.rest.metrics.PrometheusTelemetry;
import live.catwalk.core.account.port.in.Authenticate;
import live.catwalk.core.mcp.port.in.ServeMcp;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.ServerConfiguration;

/** The plain Grizzly handlers beside Jersey on the main listener: the MCP endpoints and {@code /metrics}. */
final class PlainHandlers {

    /** The MCP endpoint's parts. */
    record Mcp(ServeMcp serve, Duration heartbeat, McpActivity activity) {
    }

    /** {@code /metrics} for admins. */
    record Metrics(PrometheusTelemetry metrics, Authenticate admins) {
    }

    private PlainHandlers() {
    }

    /** Adds each handler that is configured (not null); the MCP endpoint under the edge's rate {@code limits}. */
    static void register(ServerConfiguration config, Mcp mcp, Metrics metrics, EdgeLimits limits) {
        if (mcp != null) {
            // Full context paths: the string form "/api/mcp/*" would claim the whole /api context.
            config.addHttpHandler(McpEndpoint.handler(mcp.serve(), mcp.heartbeat(), mcp.activity(), limits),
                    HttpHandlerRegistration.builder().contextPath("/mcp").urlPattern("/*").build(),
                    HttpHandlerRegistration.builder().contextPath("/api/mcp").urlPattern("/*").build());
        }
        if (metrics != null) {
            config.addHttpHandler(MetricsEndpoint.forAdmins(metrics.metrics(), metrics.admins()),
                    HttpHandlerRegistration.builder().contextPath("/metrics").urlPattern("/*").build());
        }
    }
}
