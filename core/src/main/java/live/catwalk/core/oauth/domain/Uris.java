package live.catwalk.core.oauth.domain;

import java.net.URI;
import java.util.Objects;

/** The URIs OAuth records hold: absolute, without a fragment, at most 2000 characters in ASCII form. */
final class Uris {

    static final int MAX_LENGTH = 2000;

    private Uris() {
    }

    static URI checked(URI uri, String what) {
        Objects.requireNonNull(uri, what);
        if (!uri.isAbsolute() || uri.getRawFragment() != null || uri.toASCIIString().length() > MAX_LENGTH
                || !uri.toString().equals(uri.toASCIIString())) {
            throw new IllegalArgumentException("a " + what + " is an absolute ASCII URI without a fragment, "
                    + "at most " + MAX_LENGTH + " characters");
        }
        return uri;
    }
}
