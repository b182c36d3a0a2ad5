package live.catwalk.core.deployment.domain;

import java.util.Objects;
import java.util.Optional;

/** One thing wrong with a request, for a report that lists them all at once: the field, what, and how to fix it. */
public record ValidationProblem(String field, String message, Optional<String> hint) {

    public ValidationProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }

    public static ValidationProblem of(String field, String message, String hint) {
        return new ValidationProblem(field, message, Optional.ofNullable(hint));
    }
}
