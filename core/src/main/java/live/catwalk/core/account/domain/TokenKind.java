package live.catwalk.core.account.domain;

import live.catwalk.core.shared.domain.UserId;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * The two kinds of bearer token and their secret's form: a marker ({@code cwk_} personal, {@code cwd_}
 * deployment) followed by 32 to 256 random letters and digits. The stored, visible prefix is the marker and
 * the first 8 random characters; the stored hash is that of the whole token.
 */
public enum TokenKind {
    /** A control-plane credential of a user. */
    PERSONAL("cwk_"),
    /** Opens one deployment's MCP endpoint and nothing else. */
    DEPLOYMENT("cwd_");

    /** How many random characters the visible prefix shows. */
    public static final int VISIBLE_RANDOM = 8;
    private static final Pattern RANDOM_PART = Pattern.compile("[A-Za-z0-9]{32,256}");

    private final String marker;

    TokenKind(String marker) {
        this.marker = marker;
    }

    /** {@code cwk_} or {@code cwd_}. */
    public String marker() {
        return marker;
    }

    /**
     * The kind of a presented token if it is well-formed (marker and random part as described above); empty for
     * anything else, including null.
     */
    public static Optional<TokenKind> of(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        return Arrays.stream(values())
                .filter(kind -> presented.startsWith(kind.marker)
                        && RANDOM_PART.matcher(presented.substring(kind.marker.length())).matches())
                .findFirst();
    }

    /** The visible prefix of a well-formed token, safe to store, log and show; empty for a malformed one. */
    public static Optional<String> visiblePrefix(String presented) {
        return of(presented).map(kind -> presented.substring(0, kind.marker.length() + VISIBLE_RANDOM));
    }

    /**
     * A new token of this kind from a random part (see {@code Randomness#secret}); {@link IllegalArgumentException}
     * if that is not 32 to 256 letters and digits, or a deployment is given for a personal token or vice versa.
     */
    public IssuedToken mint(TokenId id, UserId owner, Optional<DeploymentId> deployment, String name, String random,
                            Instant now) {
        Objects.requireNonNull(random, "random");
        if (!RANDOM_PART.matcher(random).matches()) {
            throw new IllegalArgumentException("a token's random part is 32 to 256 letters and digits");
        }
        if (deployment.isPresent() != (this == DEPLOYMENT)) {
            throw new IllegalArgumentException("a deployment token, and only a deployment token, names a deployment");
        }
        String secret = marker + random;
        var token = new AccessToken(id, owner, deployment, name, secret.substring(0, marker.length() + VISIBLE_RANDOM),
                TokenHash.of(secret), now, Optional.empty(), Optional.empty());
        return new IssuedToken(token, secret);
    }
}
