package live.catwalk.adapters.rest.mcp;

import java.util.Locale;
import java.util.Optional;

/** The token of an {@code Authorization: Bearer <token>} header. */
final class Bearer {

    private Bearer() {
    }

    static Optional<String> token(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        if (space < 0 || !value.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String token = value.substring(space + 1).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
