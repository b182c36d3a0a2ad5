package live.catwalk.core.analysis.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;

/** Reading a JSON manifest of a repository ({@code package.json}, {@code server.json}): bounded, never throwing. */
final class ManifestJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 300;

    /** The manifest's top-level object, or why there is none (for a warning). */
    sealed interface Root {

        record Read(JsonNode object) implements Root {
        }

        record Unreadable(String problem) implements Root {
        }
    }

    private ManifestJson() {
    }

    /** Parses {@code text}, named {@code file} in problems, refusing more than {@code maxBytes}. */
    static Root read(String file, String text, int maxBytes) {
        if (text.length() > maxBytes) {
            return new Root.Unreadable(file + " is larger than " + maxBytes / 1024 + " KiB");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            return new Root.Unreadable(file + " is not valid JSON");
        }
        return root != null && root.isObject() ? new Root.Read(root)
                : new Root.Unreadable(file + " is not a JSON object");
    }

    /** {@code value} as non-blank text, stripped and bounded; empty for anything else. */
    static Optional<String> text(JsonNode value) {
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(bounded(value.asText().strip())) : Optional.empty();
    }

    /** At most 300 characters, an ellipsis marking a cut. */
    static String bounded(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}
