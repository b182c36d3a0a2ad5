package live.catwalk.core.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PyProject and SmitheryYaml over trees (written here as JSON; the TOML and YAML parsers live in an adapter). */
class ManifestReadersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static PyProject py(String json) throws Exception {
        return assertInstanceOf(PyProject.Parsed.Read.class, PyProject.of(tree(json))).pyProject();
    }

    @Test
    void pep621NameScriptsAndTheMcpSdkAreRead() throws Exception {
        PyProject p = py("""
                {"project": {"name": "elevenlabs-mcp", "version": "0.12.2", "description": "d",
                 "dependencies": ["mcp[cli]>=1.28.1,<2.0.0", "httpx==0.28.1"],
                 "scripts": {"elevenlabs-mcp": "elevenlabs_mcp.server:main"}}}""");
        assertEquals(Optional.of("elevenlabs-mcp"), p.name());
        assertEquals(Optional.of("0.12.2"), p.version());
        assertEquals(List.of("elevenlabs-mcp"), p.scripts());
        assertTrue(p.usesMcpSdk());
    }

    @Test
    void poetryIsTheFallbackAndOnlyTheSdkItselfCounts() throws Exception {
        PyProject poetry = py("""
                {"tool": {"poetry": {"name": "notes", "version": "1.0", "dependencies": {"python": "^3.11",
                 "FastMCP": "^2"}, "scripts": {"notes": "notes:main"}}}}""");
        assertEquals(Optional.of("notes"), poetry.name());
        assertTrue(poetry.usesMcpSdk(), "names compare normalised");
        assertFalse(py("{\"project\": {\"name\": \"x\", \"dependencies\": [\"mcp-foo>=1\", \"mcpx\"]}}").usesMcpSdk());
        PyProject bad = py("{\"project\": {\"name\": \"-bad name\"}}");
        assertTrue(bad.name().isEmpty());
        assertEquals(1, bad.warnings().size());
        assertInstanceOf(PyProject.Parsed.Unreadable.class, PyProject.of(tree("[1, 2]")));
    }

    @Test
    void smitheryVariablesComeFromTheCommandFunctionsEnvAndTheSchema() throws Exception {
        JsonNode root = tree("""
                {"startCommand": {"type": "stdio", "configSchema": {"type": "object", "required": ["apiKey", "url"],
                  "properties": {"apiKey": {"type": "string", "description": "Your key"},
                   "url": {"type": "string", "format": "uri", "description": "Endpoint"},
                   "level": {"type": "string", "enum": ["low", "high"], "default": "low"},
                   "retries": {"type": "integer"}}},
                  "commandFunction": "(config) => ({ command: 'node', args: ['dist/index.js'], env: { API_KEY: config.apiKey, SERVICE_URL: config.url || '', LEVEL: config.level, RETRIES: String(config.retries), FIXED: 'on' } })"}}
                """);
        SmitheryYaml s = assertInstanceOf(SmitheryYaml.Parsed.Read.class, SmitheryYaml.of(root)).smitheryYaml();
        assertEquals(Optional.of("stdio"), s.startType());
        assertEquals(List.of("API_KEY", "SERVICE_URL", "LEVEL", "RETRIES", "FIXED"),
                s.env().stream().map(EnvVar::name).toList());
        EnvVar key = s.env().getFirst();
        assertTrue(key.required() && key.secret());
        assertEquals(Optional.of("Your key"), key.description());
        EnvVar url = s.env().get(1);
        assertFalse(url.required(), "a fallback makes it optional");
        assertEquals("url", url.format());
        assertEquals(List.of("low", "high"), s.env().get(2).choices());
        assertEquals(Optional.of("low"), s.env().get(2).defaultValue());
        assertEquals("number", s.env().get(3).format());
        assertEquals(Optional.of("on"), s.env().get(4).defaultValue());
        assertInstanceOf(SmitheryYaml.Parsed.Unreadable.class, SmitheryYaml.of(tree("{\"build\": {}}")));
    }
}
