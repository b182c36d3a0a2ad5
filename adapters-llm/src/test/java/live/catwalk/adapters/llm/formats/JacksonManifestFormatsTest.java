package live.catwalk.adapters.llm.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import live.catwalk.core.analysis.port.out.ManifestFormats;
import org.junit.jupiter.api.Test;

class JacksonManifestFormatsTest {

    private final JacksonManifestFormats formats = new JacksonManifestFormats();

    @Test
    void tomlTablesBecomeNestedObjects() {
        JsonNode toml = formats.toml("""
                [project]
                name = "notes-mcp"
                dependencies = ["mcp>=1"]
                [project.scripts]
                notes = "notes:main"
                [tool.poetry.dependencies]
                python = "^3.11"
                """).orElseThrow();
        assertEquals("notes-mcp", toml.path("project").path("name").asText());
        assertEquals("mcp>=1", toml.path("project").path("dependencies").get(0).asText());
        assertEquals("notes:main", toml.path("project").path("scripts").path("notes").asText());
        assertEquals("^3.11", toml.path("tool").path("poetry").path("dependencies").path("python").asText());
    }

    @Test
    void aYamlDocumentBecomesATree() {
        JsonNode yaml = formats.yaml("""
                # a comment
                startCommand:
                  type: stdio
                  configSchema:
                    required: [apiKey]
                  commandFunction:
                    # the block comes after this comment
                    |-
                    (config) => ({ command: 'node' })
                """).orElseThrow();
        assertEquals("stdio", yaml.path("startCommand").path("type").asText());
        assertEquals("apiKey", yaml.path("startCommand").path("configSchema").path("required").get(0).asText());
        assertEquals("(config) => ({ command: 'node' })", yaml.path("startCommand").path("commandFunction").asText());
        assertTrue(formats.yaml("---\na: 1\n...\n").isPresent(), "explicit markers around one document are one");
    }

    @Test
    void textThatIsNotTheFormatIsNothing() {
        assertEquals(Optional.empty(), formats.toml("[project\nname = "));
        assertEquals(Optional.empty(), formats.toml("a = 1\na = 2\n"));
        assertEquals(Optional.empty(), formats.toml(null));
        assertEquals(Optional.empty(), formats.yaml("a: [1, 2\n"));
        assertEquals(Optional.empty(), formats.yaml("? [a, b]\n: 1\n"));
        assertEquals(Optional.empty(), formats.yaml("a: 1\na: 2\n"), "a duplicate key is refused, as in TOML");
        assertEquals(Optional.empty(), formats.yaml(""));
        assertEquals(Optional.empty(), formats.yaml(null));
    }

    @Test
    void textOverTheLimitIsRefusedByItsUtf8Size() {
        String ascii = "a = \"" + "x".repeat(ManifestFormats.MAX_BYTES - 7) + "\"\n";
        assertTrue(formats.toml(ascii).isPresent(), "just under the limit is read");
        assertEquals(Optional.empty(), formats.toml("a = \"" + "x".repeat(ManifestFormats.MAX_BYTES) + "\""));
        String wide = "a: " + "é".repeat(ManifestFormats.MAX_BYTES / 2);
        assertTrue(wide.length() < ManifestFormats.MAX_BYTES, "fewer characters than the limit, more bytes");
        assertEquals(Optional.empty(), formats.yaml(wide));
    }

    @Test
    void aSecondYamlDocumentMakesItNothing() {
        assertEquals(Optional.empty(), formats.yaml("a: 1\n---\nb: 2\n"));
        assertEquals(Optional.empty(), formats.yaml("a: 1\n---\n"));
        assertEquals(Optional.empty(), formats.yaml("--- 1\n--- 2\n"));
    }

    @Test
    void anAliasBombIsRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("a: &a [").append("\"lol\",".repeat(8)).append("\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [").append(("*" + p + ",").repeat(8)).append("*")
                    .append(p).append("]\n");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertEquals(Optional.empty(),
                formats.yaml(bomb.toString())));
        assertEquals(Optional.empty(), formats.yaml("base: &b {x: 1}\nother:\n  <<: *b\n"),
                "Jackson would read an alias as its anchor's name, a wrong value: it is refused");
    }

    @Test
    void deepNestingIsRefusedInBothFormats() {
        assertEquals(Optional.empty(), formats.yaml("[".repeat(200) + "]".repeat(200)));
        StringBuilder block = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            block.append("  ".repeat(i)).append("k:\n");
        }
        assertEquals(Optional.empty(), formats.yaml(block.toString()));
        assertEquals(Optional.empty(), formats.toml("a = " + "[".repeat(200) + "]".repeat(200)));
        assertTrue(formats.yaml("[".repeat(10) + "]".repeat(10)).isPresent(), "shallow nesting is read");
    }

    @Test
    void aTagConstructsNothingAndReadsAsPlainData() {
        JsonNode read = formats.yaml("x: !!java.net.URL [\"http://example.org\"]\ny: !custom 3\n").orElseThrow();
        assertEquals("http://example.org", read.path("x").get(0).asText());
        assertTrue(read.path("x").isArray() && read.path("y").isValueNode() && !read.path("y").isPojo());
    }
}
