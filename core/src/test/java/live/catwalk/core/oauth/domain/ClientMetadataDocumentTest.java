package live.catwalk.core.oauth.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientMetadataDocumentTest {

    private static final URI ID = URI.create("https://claude.ai/oauth/mcp-oauth-client-metadata");
    private static final List<String> REDIRECTS = List.of("https://claude.ai/api/mcp/auth_callback");

    @Test
    void anHttpsUrlWithAPathNamesADocument() {
        assertEquals(ID, ClientMetadataDocument.checkClientId(ID.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "cwc_abc", "http://claude.ai/client", "https://claude.ai", "https://claude.ai/",
            "https://claude.ai/a/../client", "https://claude.ai/./client", "https://user@claude.ai/client",
            "https://claude.ai/client#x", "https://claude.ai/client?v=1", "https:///client", "https://claude.ai/a b"})
    void otherClientIdsAreNotDocumentUrls(String clientId) {
        CatwalkException e = assertThrows(CatwalkException.class, () -> ClientMetadataDocument.checkClientId(clientId));
        assertEquals("invalid_client", e.code());
        assertEquals("client_id", e.field().orElseThrow());
    }

    @Test
    void aLongClientIdIsRefused() {
        String longId = "https://claude.ai/" + "a".repeat(ClientMetadataDocument.MAX_URL);
        assertThrows(CatwalkException.class, () -> ClientMetadataDocument.checkClientId(longId));
    }

    @Test
    void aValidDocumentKeepsItsNameRedirectsAndHomePage() {
        ClientMetadataDocument doc = ClientMetadataDocument.of(ID, ID.toString(), " Claude ",
                List.of("https://claude.ai/api/mcp/auth_callback", "http://localhost/cb", "http://127.0.0.1:33418/cb",
                        "http://[::1]/cb"), null, false, "https://claude.ai");
        assertEquals("Claude", doc.clientName());
        assertEquals(4, doc.redirectUris().size());
        assertEquals(URI.create("https://claude.ai"), doc.clientUri().orElseThrow());
        assertTrue(ClientMetadataDocument.of(ID, ID.toString(), "x", REDIRECTS, "none", false, "javascript:alert(1)")
                .clientUri().isEmpty(), "only an https home page is kept");
    }

    @Test
    void whatMakesADocumentUnusableIsNamed() {
        assertInvalid("not the URL", () -> ClientMetadataDocument.of(ID, ID + "/", "x", REDIRECTS, null, false, null));
        assertInvalid("client_name", () -> ClientMetadataDocument.of(ID, ID.toString(), null, REDIRECTS, null, false, null));
        assertInvalid("client_name", () -> ClientMetadataDocument.of(ID, ID.toString(), "x".repeat(201), REDIRECTS,
                null, false, null));
        assertInvalid("shared secret", () -> ClientMetadataDocument.of(ID, ID.toString(), "x", REDIRECTS, null, true,
                null));
        assertInvalid("shared secret", () -> ClientMetadataDocument.of(ID, ID.toString(), "x", REDIRECTS,
                "client_secret_basic", false, null));
        assertInvalid("'none'", () -> ClientMetadataDocument.of(ID, ID.toString(), "x", REDIRECTS, "private_key_jwt",
                false, null));
        assertInvalid("redirect_uris", () -> ClientMetadataDocument.of(ID, ID.toString(), "x", null, null, false, null));
        assertInvalid("redirect_uris", () -> ClientMetadataDocument.of(ID, ID.toString(), "x", List.of(), null, false,
                null));
        assertInvalid("redirect_uris", () -> ClientMetadataDocument.of(ID, ID.toString(), "x",
                Collections.nCopies(21, REDIRECTS.getFirst()), null, false, null));
        for (String bad : List.of("http://claude.ai/cb", "https://claude.ai/cb#f", "claude://cb", "", "https://claude.ai/ré",
                "http://localhost.evil.com/cb", "http://10.0.0.1/cb")) {
            assertInvalid("redirect URI", () -> ClientMetadataDocument.of(ID, ID.toString(), "x", List.of(bad), null,
                    false, null));
        }
    }

    private static void assertInvalid(String named, org.junit.jupiter.api.function.Executable parse) {
        CatwalkException e = assertThrows(CatwalkException.class, parse);
        assertEquals("invalid_client_metadata", e.code());
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }
}
