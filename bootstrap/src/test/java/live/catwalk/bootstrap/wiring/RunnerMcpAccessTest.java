package live.catwalk.bootstrap.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.mcp.domain.http.Headers;
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
}
