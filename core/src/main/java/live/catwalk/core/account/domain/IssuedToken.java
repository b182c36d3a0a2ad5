package live.catwalk.core.account.domain;

import java.util.Objects;

/**
 * A token just issued: the stored record and the secret the caller sees exactly once ({@code cwk_…} or
 * {@code cwd_…}). Its {@code toString} never shows the secret.
 */
public record IssuedToken(AccessToken token, String secret) {

    public IssuedToken {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "IssuedToken[" + token.prefix() + "…, id " + token.id() + "]";
    }
}
