package live.catwalk.core.account.domain;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A GitHub account as Catwalk knows it: its numeric {@code id}, which never changes and is what a user is matched by,
 * and its {@code login}, which its owner may rename (letters, digits, {@code - _ .}, 1 to 100 characters, starting
 * with a letter or digit: github.com's 39-character logins and Enterprise's managed {@code _short} ones).
 */
public record GitHubIdentity(long id, String login) {

    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");

    public GitHubIdentity {
        Objects.requireNonNull(login, "login");
        if (id <= 0) {
            throw new IllegalArgumentException("a GitHub account id is a positive number");
        }
        if (!LOGIN.matcher(login).matches()) {
            throw new IllegalArgumentException("a GitHub login is 1-100 letters, digits, '-', '_' or '.'");
        }
    }
}
