package live.catwalk.core.mcp.domain.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a caller the MCP endpoint refused must do to authenticate, or to get the scope it lacks: one
 * {@code WWW-Authenticate} challenge (RFC 9110 §11.6.1, RFC 6750 §3), built only by {@link #header()}. A plain
 * {@code Bearer} challenge, or one with the OAuth parameters ({@code resource_metadata}, RFC 9728 §5.1;
 * {@code scope}). Values never hold a secret.
 */
public record Challenge(String realm, Optional<String> error, Optional<String> resourceMetadata,
                        Optional<String> scope) {

    private static final int MAX_VALUE = 2048;

    public Challenge {
        checked("realm", Objects.requireNonNull(realm, "realm"));
        Objects.requireNonNull(error, "error").ifPresent(v -> checked("error", v));
        Objects.requireNonNull(resourceMetadata, "resourceMetadata").ifPresent(v -> checked("resourceMetadata", v));
        Objects.requireNonNull(scope, "scope").ifPresent(v -> checked("scope", v));
    }

    /** {@code Bearer realm="catwalk"}: what every refusal answers today. */
    public static Challenge bearer() {
        return new Challenge("catwalk", Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The challenge that starts MCP authorization (RFC 9728 §5.1): where the deployment's protected resource
     * metadata is, the scope {@code mcp}, and {@code error="invalid_token"} when a token was presented and refused.
     */
    public static Challenge oauth(String resourceMetadata, boolean tokenPresented) {
        return new Challenge("catwalk", tokenPresented ? Optional.of("invalid_token") : Optional.empty(),
                Optional.of(resourceMetadata), Optional.of("mcp"));
    }

    /**
     * The challenge to a valid token that lacks a scope (RFC 6750 §3.1, MCP "Runtime Insufficient Scope Errors"),
     * answered with 403: {@code error="insufficient_scope"}, the resource metadata, and every scope needed at once.
     */
    public static Challenge insufficientScope(String resourceMetadata, Set<String> required) {
        if (required.isEmpty()) {
            throw new IllegalArgumentException("an insufficient_scope challenge names at least one scope");
        }
        return new Challenge("catwalk", Optional.of("insufficient_scope"), Optional.of(resourceMetadata),
                Optional.of(String.join(" ", new TreeSet<>(required))));
    }

    /** The {@code WWW-Authenticate} header's value, e.g. {@code Bearer realm="catwalk", error="invalid_token"}. */
    public String header() {
        List<String> parameters = new ArrayList<>();
        parameters.add(parameter("realm", realm));
        error.ifPresent(v -> parameters.add(parameter("error", v)));
        resourceMetadata.ifPresent(v -> parameters.add(parameter("resource_metadata", v)));
        scope.ifPresent(v -> parameters.add(parameter("scope", v)));
        return "Bearer " + String.join(", ", parameters);
    }

    private static String parameter(String name, String value) {
        return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void checked(String field, String value) {
        if (value.isEmpty() || value.length() > MAX_VALUE || value.chars().anyMatch(c -> c < 0x20 || c == 0x7F)) {
            throw new IllegalArgumentException(field + " must be 1 to " + MAX_VALUE
                    + " characters without control characters");
        }
    }
}
