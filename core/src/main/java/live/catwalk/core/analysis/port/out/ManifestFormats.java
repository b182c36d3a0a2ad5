package live.catwalk.core.analysis.port.out;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reads the manifest formats that are not JSON ({@code pyproject.toml}, {@code smithery.yaml}) into the same tree
 * a JSON manifest is read into, so that one domain reads them all. Bounded: text over {@link #MAX_BYTES} is
 * refused. Never throws on bad input: an unreadable text is an empty answer. Thread-safe.
 */
public interface ManifestFormats {

    /** The longest manifest read (UTF-8 bytes). */
    int MAX_BYTES = 256 * 1024;

    /** {@code text} read as TOML; its tables become objects. Empty when it is not TOML or is too large. */
    Optional<JsonNode> toml(String text);

    /** {@code text} read as one YAML document. Empty when it is not YAML, holds several documents or is too large. */
    Optional<JsonNode> yaml(String text);
}
