package live.catwalk.core.analysis.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Something an analysis tells a person beside its answers: a stable {@code code} (e.g. {@code not_an_mcp_server},
 * {@code no_published_package}, {@code unconfirmed_package}), what was found, and what they could do. Never holds
 * a secret.
 */
public record Notice(String code, String message, Optional<String> hint) {

    public Notice {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }

    public static Notice of(String code, String message, String hint) {
        return new Notice(code, message, Optional.ofNullable(hint));
    }

    /** A plain warning read from a source (an unreadable manifest, an entry skipped). */
    public static Notice warning(String message) {
        return new Notice("warning", message, Optional.empty());
    }
}
