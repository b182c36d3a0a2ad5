package live.catwalk.adapters.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EdgeRulesTest {

    private static int status(String path, String host) {
        return EdgeRules.check(path, host, Set.of("catwalk.example.com")).map(EdgeRules.Refusal::status).orElse(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/health%2fx", "/api/health%2Fx", "/mcp/a%2fb", "/api/a%5cb", "/api/a%00", "/api/%zz",
        "/api/%", "/api/%2", "/mcp/%"})
    void aPathThatCannotBeDecodedSafelyIs400(String path) {
        assertEquals(400, status(path, "127.0.0.1:8080"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/health", "/api/deployments/a%20b", "/api/x%C3%A9", "/no-such-thing"})
    void aWellEncodedPathPasses(String path) {
        assertEquals(200, status(path, "localhost:8080"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1", "127.1:8080", "a_b", "a b", "x:y", "a@b", "a/b", "[::1", "x:99999"})
    void aMalformedHostOutsideMcpIs400(String host) {
        assertEquals(400, status("/api/health", host));
    }

    @Test
    void aMissingOrEmptyHostOutsideMcpIs400() {
        assertEquals(400, status("/api/health", null));
        assertEquals(400, status("/api/health", ""));
        assertEquals(400, status("/", "  "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:80", "catwalk.example.com.evil.example", "10.0.0.1"})
    void aHostNeitherLoopbackNorAllowedIs421OnEveryNonMcpRoute(String host) {
        assertEquals(421, status("/api/health", host));
        assertEquals(421, status("/api/deployments", host));
        assertEquals(421, status("/whatever", host));
        Optional<EdgeRules.Refusal> refusal = EdgeRules.check("/api/health", host, Set.of());
        assertEquals("misdirected_request", refusal.orElseThrow().problem().error());
        assertTrue(refusal.get().notable(), "a refused Host is worth an INFO line: it may be a missing setting");
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "127.0.0.1:8080", "[::1]:8080", "LOCALHOST", "catwalk.example.com",
        "Catwalk.Example.com:443"})
    void loopbackAndAllowedHostsPass(String host) {
        assertEquals(200, status("/api/health", host));
    }

    @Test
    void aStarAcceptsAnyWellFormedHostButStillNotAMalformedOne() {
        assertTrue(EdgeRules.check("/api/health", "anything.example", Set.of("*")).isEmpty());
        assertEquals(400, EdgeRules.check("/api/health", "127.1", Set.of("*")).orElseThrow().status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mcp/dep", "/api/mcp/dep", "/mcp", "/mcp/", "/mcp/a-b.c_d~1"})
    void theMcpEndpointsLeaveTheirHostToCore(String path) {
        assertEquals(200, status(path, "evil.example"));
        assertEquals(200, status(path, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mcp/../api/deployments", "/mcp/./x", "/mcp/a/b", "/mcp/a;x", "/api/mcp/..",
        "/mcp/%61"})
    void aPathThatOnlyLooksLikeMcpGetsTheHostRule(String path) {
        assertEquals(421, status(path, "evil.example"));
    }

    @Test
    void hostSyntax() {
        assertTrue(EdgeRules.wellFormedHost("catwalk.example.com:8080"));
        assertTrue(EdgeRules.wellFormedHost("[::1]:8080"));
        assertFalse(EdgeRules.wellFormedHost("127.1"));
        assertFalse(EdgeRules.wellFormedHost("a:b"));
    }

    @Test
    void aDeclaredBodyOverTheBoundIs413OutsideTheMcpEndpoints() {
        EdgeRules.Refusal refusal = EdgeRules.checkLength("/api/tokens", 1025, 1024).orElseThrow();
        assertEquals(413, refusal.status());
        assertEquals("too_large", refusal.problem().error());
        assertTrue(EdgeRules.checkLength("/api/tokens", 1024, 1024).isEmpty(), "at the bound");
        assertTrue(EdgeRules.checkLength("/api/tokens", -1, 1024).isEmpty(), "chunked: bounded as it is read");
        assertTrue(EdgeRules.checkLength("/oauth/token", 0, 1024).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/mcp/abc", "/api/mcp/abc", "/mcp/abc/"})
    void anMcpEndpointAnswersAnOversizedBodyItself(String path) {
        assertTrue(EdgeRules.checkLength(path, 1 << 20, 1024).isEmpty());
        assertEquals(413, EdgeRules.checkLength("/mcp/../api/x", 1 << 20, 1024).orElseThrow().status());
    }
}
