package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpHttpRequest;
import live.catwalk.core.mcp.domain.http.McpHttpResponse;
import live.catwalk.core.mcp.domain.http.RequestBody;
import live.catwalk.core.mcp.port.in.ServeMcp;
import live.catwalk.core.mcp.port.out.McpAccess.Decision;
import org.junit.jupiter.api.Test;

class RunnerMcpAccessTest {

    private static final String SECRET = "S3cretS3cretS3cretS3cretS3cretS3cret";
    private final RunnerMcpAccess access = new RunnerMcpAccess("dep-1", SECRET);

    private Decision decide(String deployment, Headers headers, String token) {
        return access.decide(deployment, headers, Optional.ofNullable(token));
    }

    private static Headers principal(String value) {
        return Headers.single(Map.of("Catwalk-Principal", value));
    }

    @Test
    void grantsTheSecretOnItsDeploymentAsTheNamedPrincipal() {
        Decision decision = decide("dep-1", principal("token:42"), SECRET);
        assertEquals("token:42", assertInstanceOf(Decision.Granted.class, decision).principal());
    }

    @Test
    void refusesAMissingOrWrongSecret() {
        assertInstanceOf(Decision.Refused.class, decide("dep-1", principal("p"), null));
        assertInstanceOf(Decision.Refused.class, decide("dep-1", principal("p"), SECRET + "x"));
        assertInstanceOf(Decision.Refused.class, decide("dep-1", principal("p"), SECRET.toLowerCase()));
        assertTrue(access.isSecret(SECRET));
    }

    @Test
    void refusesAnotherDeployment() {
        assertInstanceOf(Decision.Refused.class, decide("dep-2", principal("p"), SECRET));
    }

    @Test
    void refusesAMissingMalformedOrRepeatedPrincipal() {
        assertInstanceOf(Decision.Refused.class, decide("dep-1", Headers.single(Map.of()), SECRET));
        assertInstanceOf(Decision.Refused.class, decide("dep-1", principal(""), SECRET));
        assertInstanceOf(Decision.Refused.class, decide("dep-1", principal("a b"), SECRET));
        assertInstanceOf(Decision.Refused.class, decide("dep-1", principal("x".repeat(201)), SECRET));
        assertInstanceOf(Decision.Refused.class,
                decide("dep-1", Headers.of(Map.of("Catwalk-Principal", List.of("a", "b"))), SECRET));
    }

    @Test
    void aCallerWithTheSecretButNoPrincipalGets400BeforeTheEndpointAndOthersGoOn() {
        McpHttpResponse passed = new McpHttpResponse.Json(299, Map.of(), new byte[0]);
        ServeMcp guarded = access.requiringPrincipal(request -> passed);
        assertEquals(400, status(guarded.serve(request("POST", Map.of(), SECRET))));
        assertEquals(400, status(guarded.serve(request("GET", Map.of("Catwalk-Principal", "a b"), SECRET))));
        assertEquals(299, status(guarded.serve(request("POST", Map.of(), "wrong"))), "401 is the endpoint's answer");
        assertEquals(299, status(guarded.serve(request("POST", Map.of(), null))));
        assertEquals(299, status(guarded.serve(request("PUT", Map.of(), SECRET))), "405 is the endpoint's answer");
        assertEquals(299, status(guarded.serve(request("POST", Map.of("Catwalk-Principal", "p"), SECRET))));
    }

    private static McpHttpRequest request(String method, Map<String, String> headers, String token) {
        return new McpHttpRequest("dep-1", method, Headers.single(headers), RequestBody.of(new byte[0]),
                Optional.ofNullable(token));
    }

    private static int status(McpHttpResponse response) {
        return assertInstanceOf(McpHttpResponse.Json.class, response).status();
    }
}
