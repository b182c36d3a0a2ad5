package live.catwalk.core.shared.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A deployment's identity as it appears in {@code /mcp/{deploymentId}}: 1 to 64 characters of letters,
 * digits, {@code _} and {@code -}, starting with a letter or digit (a UUID's text form fits).
 */
public record DeploymentId(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public DeploymentId {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "a deployment id is 1-64 letters, digits, _ or -, starting with a letter or digit");
        }
    }

    /** The id {@code value} is, if it has an id's form (a path segment, say); empty otherwise, null included. */
    public static Optional<DeploymentId> parse(String value) {
        return value != null && FORM.matcher(value).matches() ? Optional.of(new DeploymentId(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
