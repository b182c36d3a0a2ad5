package live.catwalk.core.mcp.domain.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one place a {@code WWW-Authenticate} value is made. */
class ChallengeTest {

    @Test
    void todaysChallengeIsAPlainBearerOne() {
        assertEquals("Bearer realm=\"catwalk\"", Challenge.bearer().header());
        assertEquals("Bearer realm=\"catwalk\"", McpReplies.unauthorized().headers().get("WWW-Authenticate"));
    }

    @Test
    void oauthParametersAreQuotedInOrder() {
        Challenge oauth = new Challenge("catwalk", Optional.of("invalid_token"),
                Optional.of("https://catwalk.example/.well-known/oauth-protected-resource/mcp/d1"),
                Optional.of("mcp \"all\""));

        assertEquals("Bearer realm=\"catwalk\", error=\"invalid_token\", resource_metadata="
                + "\"https://catwalk.example/.well-known/oauth-protected-resource/mcp/d1\", scope=\"mcp \\\"all\\\"\"",
                oauth.header());
        assertEquals(oauth.header(), McpReplies.unauthorized(oauth).headers().get("WWW-Authenticate"));
    }

    @Test
    void theOauthChallengeNamesTheMetadataAndTheScopeAndSaysWhenATokenWasRefused() {
        String prm = "https://catwalk.example/.well-known/oauth-protected-resource/mcp/d1";
        assertEquals("Bearer realm=\"catwalk\", resource_metadata=\"" + prm + "\", scope=\"mcp\"",
                Challenge.oauth(prm, false).header());
        assertEquals("Bearer realm=\"catwalk\", error=\"invalid_token\", resource_metadata=\"" + prm
                + "\", scope=\"mcp\"", Challenge.oauth(prm, true).header());
    }

    @Test
    void theInsufficientScopeChallengeNamesTheErrorTheMetadataAndEveryScopeNeededAndAnswers403() {
        String prm = "https://catwalk.example/.well-known/oauth-protected-resource/mcp/d1";
        Challenge scope = Challenge.insufficientScope(prm, Set.of("mcp"));
        String header = "Bearer realm=\"catwalk\", error=\"insufficient_scope\", resource_metadata=\"" + prm
                + "\", scope=\"mcp\"";

        assertEquals(header, scope.header());
        McpHttpResponse forbidden = McpReplies.forbidden(scope);
        assertEquals(403, forbidden.status());
        assertEquals(Map.of("WWW-Authenticate", header), forbidden.headers());
        assertEquals(Optional.of("b c"), Challenge.insufficientScope(prm, Set.of("c", "b")).scope(),
                "every scope needed, in one go and in a stable order");
        assertThrows(IllegalArgumentException.class, () -> Challenge.insufficientScope(prm, Set.of()));
    }

    @Test
    void aValueThatCouldSplitTheHeaderIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Challenge("catwalk\r\nSet-Cookie: x=1",
                Optional.empty(), Optional.empty(), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new Challenge("", Optional.empty(), Optional.empty(),
                Optional.empty()));
    }
}
