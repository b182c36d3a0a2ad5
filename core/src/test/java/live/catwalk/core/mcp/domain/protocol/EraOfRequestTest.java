package live.catwalk.core.mcp.domain.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The era of a request, decided from its body and cross-checked with its headers (MCP 2026-07-28 §2.1). */
class EraOfRequestTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLAIM = "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"%s\","
            + "\"io.modelcontextprotocol/clientCapabilities\":{}}";

    private static JsonNode body(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static JsonNode modern(String method, String version) {
        return body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":{"
                + CLAIM.formatted(version) + "}}");
    }

    private static EraOfRequest post(JsonNode body, String versionHeader, String methodHeader) {
        return EraOfRequest.of("POST", body, Optional.ofNullable(versionHeader), Optional.ofNullable(methodHeader));
    }

    private static EraOfRequest.Contradictory refused(EraOfRequest era, int code) {
        EraOfRequest.Contradictory refused = assertInstanceOf(EraOfRequest.Contradictory.class, era);
        assertEquals(400, refused.status());
        assertEquals(code, refused.code(), refused.message());
        return refused;
    }

    @Test
    void getDeleteBatchesAnswersAndRequestsWithoutAClaimAreSessionful() {
        JsonNode init = body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
        assertInstanceOf(EraOfRequest.Sessionful.class, EraOfRequest.of("GET", null, Optional.of("2026-07-28"),
                Optional.empty()));
        assertInstanceOf(EraOfRequest.Sessionful.class, EraOfRequest.of("DELETE", null, Optional.empty(),
                Optional.empty()));
        assertInstanceOf(EraOfRequest.Sessionful.class, post(body("[" + modern("tools/list", "2026-07-28") + "]"),
                null, null));
        assertInstanceOf(EraOfRequest.Sessionful.class, post(body("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}"),
                "2026-07-28", null));
        assertInstanceOf(EraOfRequest.Sessionful.class, post(init, null, null));
        assertInstanceOf(EraOfRequest.Sessionful.class, post(init, "2025-06-18", "initialize"));
    }

    @Test
    void aMetaClaimMakesTheRequestStatelessEvenForAnUnknownVersion() {
        EraOfRequest known = post(modern("server/discover", "2026-07-28"), " 2026-07-28 ", "server/discover");
        EraOfRequest unknown = post(modern("tools/list", "v999.0.0"), null, null);

        assertEquals(Optional.of(ProtocolVersion.V2026_07_28),
                assertInstanceOf(EraOfRequest.Stateless.class, known).known());
        EraOfRequest.Stateless later = assertInstanceOf(EraOfRequest.Stateless.class, unknown);
        assertEquals("v999.0.0", later.version());
        assertEquals(Optional.empty(), later.known());
    }

    @Test
    void aModernHeaderWithoutAClaimIsRefused() {
        JsonNode init = body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}");
        JsonNode list = body("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\",\"params\":{}}");

        refused(post(init, "2026-07-28", null), EraOfRequest.HEADER_MISMATCH);
        assertTrue(refused(post(list, "2026-07-28", null), -32602).message().contains("_meta"));
    }

    @Test
    void aClaimWithoutCapabilitiesOrWithDisagreeingHeadersIsRefused() {
        JsonNode noCapabilities = body("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{"
                + "\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}");

        assertTrue(refused(post(noCapabilities, "2026-07-28", "tools/list"), -32602).message()
                .contains("clientCapabilities"));
        refused(post(modern("tools/list", "v999.0.0"), "2026-07-28", "tools/list"), EraOfRequest.HEADER_MISMATCH);
        refused(post(modern("tools/list", "2026-07-28"), "2026-07-28", "TOOLS/LIST"), EraOfRequest.HEADER_MISMATCH);
    }

    @Test
    void quotedHeaderValuesAreBounded() {
        String longHeader = "x".repeat(10_000);
        String message = refused(post(modern("tools/list", "2026-07-28"), longHeader, null),
                EraOfRequest.HEADER_MISMATCH).message();
        assertTrue(message.length() < 300, message);
    }
}
