package live.catwalk.core.deployment.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One thing wrong with a request, for a report that lists them all at once: the field, what, and how to fix it. */
public record ValidationProblem(String field, String message, Optional<String> hint) {

    public ValidationProblem {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(hint, "hint");
    }

    /** At most this many problems are reported at once; a report is never larger than a page. */
    public static final int MAX_REPORTED = 50;

    public static ValidationProblem of(String field, String message, String hint) {
        return new ValidationProblem(field, message, Optional.ofNullable(hint));
    }

    /**
     * {@code problems} if there are at most {@link #MAX_REPORTED}; otherwise the first {@code MAX_REPORTED - 1}
     * and one last problem on {@code problems} saying how many more there are.
     */
    public static List<ValidationProblem> capped(List<ValidationProblem> problems) {
        if (problems.size() <= MAX_REPORTED) {
            return problems;
        }
        List<ValidationProblem> shown = new ArrayList<>(problems.subList(0, MAX_REPORTED - 1));
        int more = problems.size() - shown.size();
        shown.add(of("problems", "…and " + more + " more problems",
                "fix the problems listed and send the request again to see the rest"));
        return List.copyOf(shown);
    }
}
