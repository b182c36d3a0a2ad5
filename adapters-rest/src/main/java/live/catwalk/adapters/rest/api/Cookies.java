package live.catwalk.adapters.rest.api;

import java.util.Map;
import java.util.Optional;

/**
 * The cookies Catwalk sets on browsers: HttpOnly, at path {@code /}, and over HTTPS {@code __Host-}-prefixed and
 * Secure (so no other host, not even a subdomain, can set or read them); over plain HTTP (a loopback or a private
 * network) the same names without the prefix.
 */
public final class Cookies {

    /** Holds a GitHub sign-in's state from its start until GitHub sends the browser back (ten minutes at most). */
    public static final String GITHUB_STATE = "catwalk_github";
    /** How long, in seconds, a GitHub sign-in's state cookie lives. */
    public static final int GITHUB_STATE_SECONDS = 600;

    private Cookies() {
    }

    /** The {@code Set-Cookie} value for {@code name}; {@code maxAge} below zero makes a cookie for the browser's life. */
    public static String set(boolean secure, String name, String value, int maxAge, String sameSite) {
        return (secure ? "__Host-" : "") + name + "=" + value + "; Path=/; HttpOnly; SameSite=" + sameSite
                + (secure ? "; Secure" : "") + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }

    /**
     * The {@code Set-Cookie} value that keeps a GitHub sign-in's {@code state} in the browser until GitHub sends it
     * back (SameSite=Lax: that comes as a top-level navigation from GitHub); an empty state takes it away.
     */
    public static String githubState(boolean secure, String state) {
        return set(secure, GITHUB_STATE, state, state.isEmpty() ? 0 : GITHUB_STATE_SECONDS, "Lax");
    }

    /** The value of the cookie {@code name} among a request's cookies, under either form of its name. */
    public static Optional<String> get(Map<String, jakarta.ws.rs.core.Cookie> cookies, String name) {
        return Optional.ofNullable(cookies.get("__Host-" + name))
                .or(() -> Optional.ofNullable(cookies.get(name)))
                .map(jakarta.ws.rs.core.Cookie::getValue).filter(v -> !v.isBlank());
    }
}
