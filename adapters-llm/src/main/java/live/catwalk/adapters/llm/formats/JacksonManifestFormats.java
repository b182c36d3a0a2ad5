package live.catwalk.adapters.llm.formats;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import live.catwalk.core.analysis.port.out.ManifestFormats;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * TOML and YAML through Jackson's format modules, as plain trees: size and nesting bounded, one YAML document only,
 * no alias, and no type constructed from a tag (a tag is ignored; the value reads as plain data). Never throws on
 * bad input. Thread-safe.
 */
public final class JacksonManifestFormats implements ManifestFormats {

    /** How deep a manifest may nest; real ones are a handful of levels. */
    static final int MAX_DEPTH = 50;
    /** SnakeYAML's own alias limit, should a Jackson version ever expand aliases; this reader refuses any alias. */
    static final int MAX_ALIASES = 10;

    private static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_BYTES).build();

    private final ObjectMapper toml = new TomlMapper(TomlFactory.builder().streamReadConstraints(CONSTRAINTS).build());
    private final YAMLFactory yamlFactory;
    private final ObjectMapper yaml;

    public JacksonManifestFormats() {
        // Jackson reads SnakeYAML's events, not its composed nodes: of these options only the code point limit
        // applies today (the alias and nesting limits live in SnakeYAML's composer). They stay as a second line;
        // the first is the token pass below (aliases, documents) and the stream constraints (nesting, string size).
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        // YAML keys are unique, as TOML's are; "last one wins" would hide which value the author meant
        this.yamlFactory = YAMLFactory.builder().loaderOptions(options).streamReadConstraints(CONSTRAINTS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        this.yaml = new YAMLMapper(yamlFactory);
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
        try {
            if (!oneDocumentWithoutAliases(text)) {
                return Optional.empty();
            }
            return Optional.ofNullable(yaml.readTree(text)).filter(n -> !n.isMissingNode());
        } catch (IOException | RuntimeException e) { // deep nesting, duplicate keys and malformed text alike
            return Optional.empty();
        }
    }

    /**
     * A first pass over the tokens. Jackson does not expand an alias: it reads the anchor's name in its place, which
     * would be a wrong value, so a document with an alias is refused rather than misread (an alias bomb with it).
     * Each value that starts at depth 0 is a document's root, so a second one is a second document.
     */
    private boolean oneDocumentWithoutAliases(String text) throws IOException {
        try (JsonParser parser = yamlFactory.createParser(text)) {
            YAMLParser tokens = (YAMLParser) parser;
            int depth = 0;
            int roots = 0;
            for (JsonToken t = tokens.nextToken(); t != null; t = tokens.nextToken()) {
                if (tokens.isCurrentAlias() || depth == 0 && ++roots > 1) {
                    return false;
                }
                depth += t.isStructStart() ? 1 : t.isStructEnd() ? -1 : 0;
            }
            return true;
        }
    }

    private static boolean tooLarge(String text) {
        return text == null || text.length() > MAX_BYTES
                || text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }
}
