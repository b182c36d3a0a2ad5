package live.catwalk.runner;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replaces secret values (every value of a command's environment, and every line of a multi-line one,
 * 4 characters or longer) with {@code ***}. Shorter values are left alone: masking "1" or "true"
 * everywhere would garble the log without protecting anything.
 */
record Redactor(List<String> secrets) {

    static final String MASK = "***";
    static final int MIN_SECRET_LENGTH = 4;

    Redactor {
        // Lines of a multi-line secret (a PEM key) are masked one by one, as they reach the log one by
        // one. Longest first, so a secret that contains another is masked whole.
        secrets = secrets.stream()
                .flatMap(s -> Stream.concat(Stream.of(s), s.lines().map(String::strip)))
                .filter(s -> s.length() >= MIN_SECRET_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    static Redactor of(Collection<String> values) {
        return new Redactor(List.copyOf(values));
    }

    String redact(String text) {
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    /**
     * Like {@link #redact(String)} for text that was cut short: a secret's beginning at the very end
     * (4 characters or more) is masked as well, since the rest of it was cut off.
     */
    String redactCut(String text) {
        String result = redact(text);
        for (String secret : secrets) {
            for (int keep = Math.min(secret.length() - 1, result.length()); keep >= MIN_SECRET_LENGTH; keep--) {
                if (result.endsWith(secret.substring(0, keep))) {
                    result = result.substring(0, result.length() - keep) + MASK;
                    break;
                }
            }
        }
        return result;
    }
}
