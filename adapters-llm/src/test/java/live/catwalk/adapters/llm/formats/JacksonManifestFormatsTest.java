package live.catwalk.adapters.llm.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import live.catwalk.core.analysis.port.out.ManifestFormats;
import org.junit.jupiter.api.Test;

class JacksonManifestFormatsTest {

    private final JacksonManifestFormats formats = new JacksonManifestFormats();

    @Test
    void tomlTablesAndYamlMappingsBecomeObjects() {
        var toml = formats.toml("[project]\nname = \"notes-mcp\"\ndependencies = [\"mcp>=1\"]\n"
                + "[project.scripts]\nnotes = \"notes:main\"\n").orElseThrow();
        assertEquals("notes-mcp", toml.path("project").path("name").asText());
        assertEquals("notes:main", toml.path("project").path("scripts").path("notes").asText());
        var yaml = formats.yaml("startCommand:\n  type: stdio\n  configSchema:\n    required: [apiKey]\n")
                .orElseThrow();
        assertEquals("apiKey", yaml.path("startCommand").path("configSchema").path("required").get(0).asText());
    }

    @Test
    void badOversizeOrSeveralDocumentsAreNothing() {
        assertTrue(formats.toml("[project\nname = ").isEmpty());
        assertTrue(formats.yaml("a: [1, 2\n").isEmpty());
        assertTrue(formats.yaml("a: 1\n---\nb: 2\n").isEmpty());
        assertTrue(formats.toml("a = \"" + "x".repeat(ManifestFormats.MAX_BYTES) + "\"").isEmpty());
        assertTrue(formats.yaml("x: !!java.net.URL [\"http://evil\"]\n").map(n -> !n.path("x").isPojo()).orElse(true),
                "no Java type is constructed from a tag");
    }

    @Test
    void anAliasBombDoesNotExpandAndDeepNestingIsRefused() {
        StringBuilder bomb = new StringBuilder("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(p).append(",*").append(p).append(",*")
                    .append(p).append(",*").append(p).append(",*").append(p).append(",*").append(p).append("]\n");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            // Jackson's YAML reader never expands an alias (it reads as its anchor's name): nothing multiplies.
            var read = formats.yaml(bomb.toString());
            assertTrue(read.map(n -> n.toString().length() < 2_000).orElse(true), "not expanded: " + read);
        });
        assertTrue(formats.yaml("[".repeat(200) + "]".repeat(200)).isEmpty());
    }
}
