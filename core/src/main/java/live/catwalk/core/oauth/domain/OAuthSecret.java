package live.catwalk.core.oauth.domain;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import live.catwalk.core.account.domain.TokenHash;

/**
 * The secrets the authorization server hands out, each a marker and 32 to 256 random letters and digits (see
 * {@code Randomness#secret}); only their {@link TokenHash} is ever stored.
 */
public enum OAuthSecret {
    /** An authorization code: single use, minutes long. */
    CODE("cwo_"),
    /** An access token for one deployment's MCP endpoint. */
    ACCESS("cwa_"),
    /** A refresh token, rotated at each use. */
    REFRESH("cwr_"),
    /** A confidential client's secret from dynamic registration. */
    CLIENT_SECRET("cws_");

    private static final Pattern RANDOM_PART = Pattern.compile("[A-Za-z0-9]{32,256}");

    private final String marker;

    OAuthSecret(String marker) {
        this.marker = marker;
    }

    /** {@code cwo_}, {@code cwa_}, {@code cwr_} or {@code cws_}. */
    public String marker() {
        return marker;
    }

    /** A new secret of this kind from a random part; {@link IllegalArgumentException} if that is malformed. */
    public String mint(String random) {
        Objects.requireNonNull(random, "random");
        if (!RANDOM_PART.matcher(random).matches()) {
            throw new IllegalArgumentException("a secret's random part is 32 to 256 letters and digits");
        }
        return marker + random;
    }

    /** The kind of a presented secret if it is well formed; empty for anything else, null included. */
    public static Optional<OAuthSecret> of(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(kind -> presented.startsWith(kind.marker)
                && RANDOM_PART.matcher(presented.substring(kind.marker.length())).matches()).findFirst();
    }

    /** Whether {@code presented} is a well-formed secret of this kind. */
    public boolean matches(String presented) {
        return of(presented).filter(this::equals).isPresent();
    }
}
