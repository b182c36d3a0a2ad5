package live.catwalk.core.oauth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.DeploymentId;
import org.junit.jupiter.api.Test;

/** PKCE, the scope policy, redirect URI matching and resource URIs: the authorization server's small rules. */
class OAuthRulesTest {

    // RFC 7636 Appendix B's example.
    private static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    @Test
    void pkceTakesS256OnlyAndChecksTheVerifier() {
        assertEquals(CHALLENGE, Pkce.s256(VERIFIER), "RFC 7636's own example");
        assertEquals(CHALLENGE, Pkce.challenge(CHALLENGE, "S256"));
        assertEquals("code_challenge", field(() -> Pkce.challenge(null, "S256")));
        assertEquals("code_challenge_method", field(() -> Pkce.challenge(CHALLENGE, null)));
        assertEquals("code_challenge_method", field(() -> Pkce.challenge(CHALLENGE, "plain")));
        assertEquals("code_challenge", field(() -> Pkce.challenge("short", "S256")));
        assertTrue(Pkce.verifies(VERIFIER, CHALLENGE));
        assertFalse(Pkce.verifies(VERIFIER.replace('d', 'e'), CHALLENGE), "a wrong verifier");
        assertFalse(Pkce.verifies(CHALLENGE, CHALLENGE), "plain: the challenge as its own verifier");
        assertFalse(Pkce.verifies("too-short", Pkce.s256("too-short")), "a verifier under 43 characters");
        assertFalse(Pkce.verifies(null, CHALLENGE));
    }

    private static String field(org.junit.jupiter.api.function.Executable call) {
        CatwalkException e = assertThrows(CatwalkException.class, call);
        assertEquals("invalid_request", e.code());
        return e.field().orElseThrow();
    }

    @Test
    void theGrantIsAlwaysMcpWithOfflineAccessWhenAskedAndUnknownScopesIgnored() {
        assertEquals(Set.of("mcp"), ScopePolicy.granted(null));
        assertEquals(Set.of("mcp"), ScopePolicy.granted(""));
        assertEquals(Set.of("mcp"), ScopePolicy.granted("claudeai"));
        assertEquals(Set.of("mcp", "offline_access"), ScopePolicy.granted("claudeai offline_access"));
        assertEquals(Set.of("mcp", "offline_access"), ScopePolicy.granted("offline_access"));
        assertEquals(Set.of("mcp"), ScopePolicy.granted("x ".repeat(600) + "offline_access"), "reads a bounded prefix");
        assertEquals("mcp offline_access", ScopePolicy.joined(Set.of("offline_access", "mcp")));
    }

    @Test
    void aRedirectUriMatchesExactlyOrOnAnyPortOfTheSameLoopbackUri() {
        List<URI> registered = List.of(URI.create("https://claude.ai/api/mcp/auth_callback"),
                URI.create("http://localhost/callback"), URI.create("http://127.0.0.1/cb?x=1"));
        assertTrue(RedirectUris.registered(registered, URI.create("https://claude.ai/api/mcp/auth_callback")));
        assertTrue(RedirectUris.registered(registered, URI.create("http://localhost:33418/callback")));
        assertTrue(RedirectUris.registered(registered, URI.create("http://127.0.0.1:5000/cb?x=1")));
        for (String other : List.of("https://claude.ai/api/mcp/auth_callback/", "https://claude.ai:8443/api/mcp/auth_callback",
                "https://evil.example/api/mcp/auth_callback", "http://localhost:1/other", "http://127.0.0.1:5000/cb",
                "https://localhost:1/callback", "http://127.0.0.2:1/cb?x=1", "http://localhost:1/callback#f",
                "http://user@localhost:1/callback")) {
            assertFalse(RedirectUris.registered(registered, URI.create(other)), other);
        }
    }

    @Test
    void aResourceNamesADeploymentOnThePublicUrlAfterNormalising() {
        URI base = URI.create("https://catwalk.example/");
        DeploymentId id = new DeploymentId("0a0dae4d-1c2e-4c52-9d8a-6cf1e3a0b7f2");
        assertEquals(URI.create("https://catwalk.example/mcp/" + id.value()), ResourceUris.of(base, id));
        for (String same : List.of("https://catwalk.example/mcp/" + id.value(), "https://catwalk.example/mcp/" + id.value() + "/",
                "HTTPS://Catwalk.Example/mcp/" + id.value(), "https://catwalk.example:443/mcp/" + id.value())) {
            assertEquals(Optional.of(id), ResourceUris.deployment(base, same), same);
        }
        assertEquals(Optional.of(new DeploymentId(id.value().toUpperCase())), ResourceUris.deployment(base,
                "https://catwalk.example/mcp/" + id.value().toUpperCase()), "the path keeps its case: another id");
        for (String other : List.of("https://other.example/mcp/"
                + id.value(), "https://catwalk.example/api/mcp/" + id.value(), "https://catwalk.example/mcp/",
                "https://catwalk.example/mcp/a/b", "https://catwalk.example/mcp/" + id.value() + "#x",
                "https://catwalk.example/mcp/" + id.value() + "?x=1", "/mcp/" + id.value(), "not a uri", "",
                "http://catwalk.example/mcp/" + id.value(), "https://catwalk.example:8443/mcp/" + id.value())) {
            assertEquals(Optional.empty(), ResourceUris.deployment(base, other), other);
        }
        URI local = URI.create("http://127.0.0.1:8080/");
        assertEquals(Optional.of(id), ResourceUris.deployment(local, "http://127.0.0.1:8080/mcp/" + id.value()));
    }
}
