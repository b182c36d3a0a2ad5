package live.catwalk.core.oauth.domain;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a client gets of the scopes it asks for: always {@value #MCP} (the use of one deployment), and
 * {@value #OFFLINE_ACCESS} when asked; every other scope is ignored rather than refused (Claude has sent
 * {@code claudeai}), as RFC 6749 §3.3 lets an authorization server grant other than was requested.
 */
public final class ScopePolicy {

    public static final String MCP = "mcp";
    public static final String OFFLINE_ACCESS = "offline_access";
    /** The scopes the authorization server's metadata lists; only {@value #MCP} in challenges and resource metadata. */
    public static final Set<String> SUPPORTED = Set.of(MCP, OFFLINE_ACCESS);
    /** At most this many characters of a {@code scope} parameter are read. */
    public static final int MAX_REQUESTED = 1000;

    private ScopePolicy() {
    }

    /** The scopes granted for a {@code scope} parameter (space-separated; null or blank: {@value #MCP} alone). */
    public static Set<String> granted(String requested) {
        Set<String> granted = new TreeSet<>();
        granted.add(MCP);
        if (requested != null) {
            String read = requested.length() > MAX_REQUESTED ? requested.substring(0, MAX_REQUESTED) : requested;
            for (String scope : read.split(" ")) {
                if (scope.equals(OFFLINE_ACCESS)) {
                    granted.add(OFFLINE_ACCESS);
                }
            }
        }
        return Set.copyOf(granted);
    }

    /** The space-separated form of a scope set, in a stable order. */
    public static String joined(Set<String> scopes) {
        return String.join(" ", new TreeSet<>(scopes));
    }
}
