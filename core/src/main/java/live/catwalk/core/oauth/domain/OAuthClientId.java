package live.catwalk.core.oauth.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OAuth client's identity: either one Catwalk generated at dynamic registration ({@code cwc_} and 32 to 256
 * letters and digits), or the https URL of the client's Client ID Metadata Document (absolute, with a path, no
 * userinfo, fragment, {@code .} or {@code ..} segment). At most 2000 printable ASCII characters.
 */
public record OAuthClientId(String value) {

    /** What a generated id starts with. */
    public static final String MARKER = "cwc_";
    private static final Pattern GENERATED = Pattern.compile("cwc_[A-Za-z0-9]{32,256}");
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x21-\\x7e]{1,2000}");

    public OAuthClientId {
        Objects.requireNonNull(value, "value");
        if (!PRINTABLE_ASCII.matcher(value).matches()) {
            throw new IllegalArgumentException("a client id is 1 to 2000 printable ASCII characters");
        }
        if (!GENERATED.matcher(value).matches() && !isDocumentUrl(value)) {
            throw new IllegalArgumentException("a client id is cwc_ and 32-256 letters and digits, or an https URL "
                    + "with a path and no userinfo, fragment, . or .. segment");
        }
    }

    /**
     * A new generated id from a random part (see {@code Randomness#secret}); {@link IllegalArgumentException} if
     * that is not 32 to 256 letters and digits.
     */
    public static OAuthClientId generated(String random) {
        Objects.requireNonNull(random, "random");
        if (!random.matches("[A-Za-z0-9]{32,256}")) {
            throw new IllegalArgumentException("a client id's random part is 32 to 256 letters and digits");
        }
        return new OAuthClientId(MARKER + random);
    }

    /** Whether this id is the URL of a Client ID Metadata Document (rather than a generated id). */
    public boolean isMetadataDocument() {
        return !value.startsWith(MARKER);
    }

    private static boolean isDocumentUrl(String value) {
        try {
            URI uri = new URI(value);
            String path = uri.getRawPath();
            return "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null
                    && uri.getRawFragment() == null && path != null && path.length() > 1
                    && Arrays.stream(path.split("/", -1)).noneMatch(s -> s.equals(".") || s.equals(".."));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
