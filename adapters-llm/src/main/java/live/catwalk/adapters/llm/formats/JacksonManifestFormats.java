package live.catwalk.adapters.llm.formats;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.databind.MappingIterator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import live.catwalk.core.analysis.port.out.ManifestFormats;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * TOML and YAML through Jackson's format modules, as plain trees: nesting and size bounded, one YAML document
 * only, no types constructed from tags, and no alias expanded (Jackson reads an alias as its anchor's name, so an
 * alias bomb stays small; SnakeYAML's alias limit stands behind that). Thread-safe.
 */
public final class JacksonManifestFormats implements ManifestFormats {

    /** How deep a manifest may nest; real ones are a handful of levels. */
    static final int MAX_DEPTH = 50;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_BYTES).build();

    private final ObjectMapper toml = new TomlMapper(TomlFactory.builder().streamReadConstraints(CONSTRAINTS).build());
    private final ObjectMapper yaml;

    public JacksonManifestFormats() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        this.yaml = new YAMLMapper(YAMLFactory.builder().loaderOptions(options).streamReadConstraints(CONSTRAINTS)
                .build());
    }

    @Override
    public Optional<JsonNode> toml(String text) {
        if (tooLarge(text)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(toml.readTree(text)).filter(JsonNode::isObject);
        } catch (IOException | RuntimeException e) { // any failure of a parser on untrusted text: not TOML we read
            return Optional.empty();
        }
    }

    @Override
    public Optional<JsonNode> yaml(String text) {
        if (tooLarge(text)) {
            return Optional.empty();
        }
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(text)) {
            if (!documents.hasNextValue()) {
                return Optional.empty();
            }
            JsonNode first = documents.nextValue();
            return documents.hasNextValue() ? Optional.empty() : Optional.ofNullable(first);
        } catch (IOException | RuntimeException e) { // alias bombs, deep nesting and malformed text alike
            return Optional.empty();
        }
    }

    private static boolean tooLarge(String text) {
        return text.length() > MAX_BYTES || text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

}
