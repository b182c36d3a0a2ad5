package live.catwalk.core.analysis.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PyProject over trees written here as JSON (the TOML parser lives in an adapter). */
class PyProjectTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static PyProject read(String json) throws Exception {
        return assertInstanceOf(PyProject.Parsed.Read.class, PyProject.of(tree(json))).pyProject();
    }

    private static boolean usesSdk(String... requirements) throws Exception {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode dependencies = root.putObject("project").put("name", "x").putArray("dependencies");
        List.of(requirements).forEach(dependencies::add);
        return assertInstanceOf(PyProject.Parsed.Read.class, PyProject.of(root)).pyProject().usesMcpSdk();
    }

    @Test
    void readsPep621sNameVersionDescriptionScriptsAndSdk() throws Exception {
        PyProject p = read("""
                {"project": {"name": "elevenlabs-mcp", "version": "0.12.2", "description": "ElevenLabs MCP Server",
                 "dependencies": ["mcp[cli]>=1.28.1,<2.0.0", "httpx==0.28.1"],
                 "scripts": {"elevenlabs-mcp": "elevenlabs_mcp.server:main", "el-tool": "elevenlabs_mcp.tool:main"}},
                 "build-system": {"requires": ["setuptools>=45"]}}""");
        assertEquals(Optional.of("elevenlabs-mcp"), p.name());
        assertEquals(Optional.of("0.12.2"), p.version());
        assertEquals(Optional.of("ElevenLabs MCP Server"), p.description());
        assertEquals(List.of("elevenlabs-mcp", "el-tool"), p.scripts());
        assertTrue(p.usesMcpSdk());
        assertEquals(List.of(), p.warnings());
    }

    @Test
    void poetryIsReadAndFillsWhatPep621LeavesOut() throws Exception {
        PyProject poetry = read("""
                {"tool": {"poetry": {"name": "notes", "version": "1.0", "description": "Notes",
                 "dependencies": {"python": "^3.11", "FastMCP": "^2"}, "scripts": {"notes": "notes:main"}}}}""");
        assertEquals(Optional.of("notes"), poetry.name());
        assertEquals(Optional.of("1.0"), poetry.version());
        assertEquals(List.of("notes"), poetry.scripts());
        assertTrue(poetry.usesMcpSdk(), "Poetry's table keys compare normalised");

        PyProject both = read("""
                {"project": {"name": "first", "dynamic": ["version"], "scripts": {"a": "m:a"}},
                 "tool": {"poetry": {"name": "second", "version": "2.0", "description": "from Poetry",
                  "scripts": {"a": "m:a", "b": "m:b"}, "dependencies": {"httpx": "*"}}}}""");
        assertEquals(Optional.of("first"), both.name(), "PEP 621 comes first");
        assertEquals(Optional.of("2.0"), both.version());
        assertEquals(Optional.of("from Poetry"), both.description());
        assertEquals(List.of("a", "b"), both.scripts(), "each script once");
        assertFalse(both.usesMcpSdk());
    }

    @Test
    void aNamePypiWouldRefuseIsIgnoredWithAWarning() throws Exception {
        for (String bad : List.of("-bad", "bad name", "trailing_", "café", ".x")) {
            PyProject p = read(JSON.writeValueAsString(Map.of("project", Map.of("name", bad))));
            assertEquals(Optional.empty(), p.name(), bad);
            assertEquals(1, p.warnings().size(), bad);
            assertTrue(p.warnings().getFirst().contains(bad));
        }
        for (String good : List.of("a", "Z9", "A.b-c_d", "mcp-server-git")) {
            PyProject p = read(JSON.writeValueAsString(Map.of("project", Map.of("name", good))));
            assertEquals(Optional.of(good), p.name(), good);
        }
    }

    @Test
    void theSdkIsFoundByItsRequirementNameOnly() throws Exception {
        assertTrue(usesSdk("mcp[cli]>=1.2"));
        assertTrue(usesSdk("httpx", "MCP"));
        assertTrue(usesSdk("FastMCP>=2.0"));
        assertTrue(usesSdk("mcp ; python_version >= '3.10'"));
        assertTrue(usesSdk("mcp @ https://example.org/mcp-1.0.tar.gz"));
        assertTrue(usesSdk("mcp (>=1.0)"));
        assertTrue(usesSdk("  mcp~=1.2"));
        assertFalse(usesSdk("mcp-foo>=1"), "another project whose name starts with mcp");
        assertFalse(usesSdk("mcpx", "not-mcp", "fast-mcp", "mcp_server"));
        assertFalse(usesSdk("httpx[mcp]"), "an extra is not a dependency's name");
        assertFalse(usesSdk());
        assertFalse(read("{\"tool\": {\"poetry\": {\"dependencies\": {\"mcp-foo\": \"*\"}}}}").usesMcpSdk());
        assertTrue(read("{\"tool\": {\"poetry\": {\"dependencies\": {\"Fast_MCP\": \"*\", \"MCP\": \"*\"}}}}")
                .usesMcpSdk());
    }

    @Test
    void atMostAHundredScriptsAndDependenciesAreRead() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode project = root.putObject("project");
        ObjectNode scripts = project.putObject("scripts");
        ArrayNode dependencies = project.putArray("dependencies");
        for (int i = 0; i < 150; i++) {
            scripts.put("s" + i, "m:f");
            dependencies.add(i == 120 ? "mcp" : "dep" + i);
        }
        PyProject p = assertInstanceOf(PyProject.Parsed.Read.class, PyProject.of(root)).pyProject();
        assertEquals(100, p.scripts().size());
        assertFalse(p.usesMcpSdk(), "the 121st dependency is not read");
        assertEquals(2, p.warnings().size(), p.warnings().toString());
    }

    @Test
    void fieldsOfTheWrongShapeAreSkipped() throws Exception {
        PyProject p = read("""
                {"project": {"name": 3, "version": ["1"], "dependencies": "mcp", "scripts": ["a"]},
                 "tool": {"poetry": "x"}}""");
        assertEquals(new PyProject(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), false, List.of()),
                p);
        assertTrue(read("{\"project\": {\"dependencies\": [1, null, \"mcp\"]}}").usesMcpSdk());
    }

    @Test
    void aRootThatIsNotATableIsUnreadable() throws Exception {
        assertInstanceOf(PyProject.Parsed.Unreadable.class, PyProject.of(tree("[1, 2]")));
        assertInstanceOf(PyProject.Parsed.Unreadable.class, PyProject.of(tree("\"text\"")));
        assertInstanceOf(PyProject.Parsed.Unreadable.class, PyProject.of(MissingNode.getInstance()));
        assertInstanceOf(PyProject.Parsed.Unreadable.class, PyProject.of(null));
    }
}
