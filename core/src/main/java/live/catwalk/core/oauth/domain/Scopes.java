package live.catwalk.core.oauth.domain;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** The scope sets of grants, codes and tokens: 1 to 10 RFC 6749 scope tokens of at most 64 characters each. */
final class Scopes {

    private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5b\\x5d-\\x7e]{1,64}");

    private Scopes() {
    }

    static Set<String> checked(Set<String> scopes) {
        Objects.requireNonNull(scopes, "scopes");
        Set<String> copy = Set.copyOf(scopes);
        if (copy.isEmpty() || copy.size() > 10) {
            throw new IllegalArgumentException("a scope set has 1 to 10 scopes");
        }
        if (!copy.stream().allMatch(s -> SCOPE_TOKEN.matcher(s).matches())) {
            throw new IllegalArgumentException("a scope is 1 to 64 printable ASCII characters, no space, \" or \\");
        }
        return copy;
    }
}
