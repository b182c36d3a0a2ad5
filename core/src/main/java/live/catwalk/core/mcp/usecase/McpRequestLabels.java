package live.catwalk.core.mcp.usecase;

import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpcMessage;
import live.catwalk.core.mcp.domain.protocol.EraOfRequest;
import live.catwalk.core.mcp.port.out.McpUpstream;
import live.catwalk.core.shared.domain.TelemetryEvent.McpRequest;

/** What an answered MCP request is counted as: its method label and era, from what the edge read of it. */
final class McpRequestLabels {

    private McpRequestLabels() {
    }

    /** The event for {@code httpMethod}, its body ({@code posted}, null when it was not read) and its answer. */
    static McpRequest of(String httpMethod, Headers headers, McpUpstream.Posted posted, int status, long nanos) {
        return new McpRequest(method(httpMethod, posted), era(httpMethod, headers, posted),
                McpRequest.Outcome.of(status), nanos);
    }

    private static String method(String httpMethod, McpUpstream.Posted posted) {
        return switch (httpMethod) {
            case "GET" -> McpRequest.STREAM;
            case "DELETE" -> McpRequest.END_SESSION;
            case "POST" -> posted == null ? McpRequest.UNREAD
                    : posted.batch() ? McpRequest.BATCH
                    : switch (posted.messages().getFirst()) {
                        case JsonRpcMessage.Request request -> McpRequest.methodLabel(request.method());
                        case JsonRpcMessage.Notification notification -> McpRequest.methodLabel(notification.method());
                        case JsonRpcMessage.Response response -> McpRequest.RESPONSE;
                    };
            default -> McpRequest.UNREAD;
        };
    }

    private static McpRequest.Era era(String httpMethod, Headers headers, McpUpstream.Posted posted) {
        boolean told = switch (httpMethod) {
            case "GET", "DELETE" -> true;
            case "POST" -> posted != null;
            default -> false;
        };
        if (!told) {
            return McpRequest.Era.UNKNOWN;
        }
        return switch (EraOfRequest.of(httpMethod, posted == null ? null : posted.json(),
                headers.first("MCP-Protocol-Version"), headers.first("Mcp-Method"))) {
            case EraOfRequest.Sessionful sessionful -> McpRequest.Era.SESSIONFUL_2025;
            case EraOfRequest.Stateless stateless -> McpRequest.Era.STATELESS_2026;
            case EraOfRequest.Contradictory contradictory -> McpRequest.Era.UNKNOWN;
        };
    }
}
