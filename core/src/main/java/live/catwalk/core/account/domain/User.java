package live.catwalk.core.account.domain;

import live.catwalk.core.shared.domain.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A person or script that owns tokens, settings and deployments. The name is unique, lower case,
 * 1 to 64 characters of letters, digits, {@code . _ -}, starting with a letter or digit. A disabled user
 * cannot sign in (an admin disabled them; their tokens were revoked and their deployments stopped).
 */
public record User(UserId id, String name, Role role, Instant createdAt, boolean disabled) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("user name must be 1-64 lower-case letters, digits, . _ -");
        }
    }

    /** An enabled user. */
    public User(UserId id, String name, Role role, Instant createdAt) {
        this(id, name, role, createdAt, false);
    }

    /** This user with the given disabled flag. */
    public User withDisabled(boolean flag) {
        return new User(id, name, role, createdAt, flag);
    }
}
