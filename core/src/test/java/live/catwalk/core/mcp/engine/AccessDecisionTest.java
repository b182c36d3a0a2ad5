package live.catwalk.core.mcp.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.mcp.port.out.DeploymentStates;
import live.catwalk.core.mcp.port.in.ServeMcp;
import live.catwalk.core.mcp.domain.http.Challenge;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.fakes.FakeStdioServers;
import live.catwalk.core.mcp.port.out.McpAccess;
import live.catwalk.core.mcp.port.out.McpAccess.Decision;
import live.catwalk.core.shared.domain.SessionMode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The access port sees the request's headers; its refusal's challenge is the 401's header, and its forbidding's the
 * 403's, unchanged.
 */
class AccessDecisionTest {

    private final McpHarness mcp = new McpHarness(SessionMode.SHARED, McpHarness.fastSettings(),
            new FakeStdioServers());
    private final List<String> seenHeaders = new ArrayList<>();

    @AfterEach
    void close() {
        mcp.close();
    }

    @Test
    void aRefusalAnswers401WithTheAccessPortsChallengeAndTheCallerNeverReachesAServer() {
        Challenge oauth = new Challenge("catwalk", Optional.of("invalid_token"),
                Optional.of("https://catwalk.example/.well-known/oauth-protected-resource/mcp/dep"), Optional.empty());
        McpAccess access = (deployment, headers, token) -> {
            seenHeaders.add(headers.first("X-Client").orElse("none"));
            return new Decision.Refused(oauth);
        };
        ServeMcp serve = McpHarness.serving(mcp.endpoints, access, DeploymentStates.NONE);
        int started = mcp.servers.started().size();

        McpHttpResponse answer = serve.serve(McpHarness.request("POST", Map.of("Host", "127.0.0.1",
                "X-Client", "probe", "Accept", "application/json, text/event-stream", "Content-Type",
                "application/json"), "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}",
                "cwd_anything"));

        assertEquals(401, answer.status());
        assertEquals(oauth.header(), answer.headers().get("WWW-Authenticate"));
        assertEquals(List.of("probe"), seenHeaders);
        assertEquals(started, mcp.servers.started().size());
        assertEquals(0, mcp.endpoints.summary().sessions(), "no session was made for a refused caller");
    }

    @Test
    void aTokenShortOfTheScopeAnswers403WithTheInsufficientScopeChallengeAndReachesNoServer() {
        String prm = "https://catwalk.example/.well-known/oauth-protected-resource/mcp/dep";
        McpAccess access = (deployment, headers, token) -> new Decision.Forbidden(
                Challenge.insufficientScope(prm, Set.of("mcp")));
        ServeMcp serve = McpHarness.serving(mcp.endpoints, access, DeploymentStates.NONE);
        int started = mcp.servers.started().size();

        for (String method : List.of("POST", "GET", "DELETE")) {
            McpHttpResponse answer = serve.serve(McpHarness.request(method, Map.of("Host", "127.0.0.1",
                    "Accept", "application/json, text/event-stream", "Content-Type", "application/json"),
                    method.equals("POST") ? "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}"
                            : null, "cwa_scant"));

            assertEquals(403, answer.status(), method);
            assertEquals("Bearer realm=\"catwalk\", error=\"insufficient_scope\", resource_metadata=\"" + prm
                    + "\", scope=\"mcp\"", answer.headers().get("WWW-Authenticate"), method);
        }
        assertEquals(started, mcp.servers.started().size());
        assertEquals(0, mcp.endpoints.summary().sessions(), "no session was made for a forbidden caller");
    }
}
