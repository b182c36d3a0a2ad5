package live.catwalk.bootstrap.wiring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import live.catwalk.core.mcp.domain.http.Challenge;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.domain.http.McpReplies;
import live.catwalk.core.mcp.domain.jsonrpc.JsonRpc;
import live.catwalk.core.mcp.port.in.ServeMcp;
import live.catwalk.core.mcp.port.out.McpAccess;

/**
 * Access to a runner's one deployment: granted only for the runner secret (compared in constant time) on that
 * deployment's id, as the principal the gateway names in {@code Catwalk-Principal} (1-200 visible ASCII), so each
 * session stays bound to its owner. Anything else is refused alike (401): a missing or wrong secret, another
 * deployment, a missing or malformed principal; {@link #requiringPrincipal} answers the last 400 first, as the runner
 * protocol says, to a caller that did present the secret.
 */
final class RunnerMcpAccess implements McpAccess {

    static final String PRINCIPAL_HEADER = "Catwalk-Principal";
    private static final Pattern PRINCIPAL = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Set<String> MCP_METHODS = Set.of("POST", "GET", "DELETE");

    private final String deploymentId;
    private final byte[] secret;

    RunnerMcpAccess(String deploymentId, String secret) {
        this.deploymentId = Objects.requireNonNull(deploymentId, "deploymentId");
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether {@code token} is the runner secret, in time that does not depend on where they differ. */
    boolean isSecret(String token) {
        return MessageDigest.isEqual(secret, token.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public Decision decide(String deploymentId, Headers headers, Optional<String> bearerToken) {
        Optional<String> principal = principal(headers);
        if (!admits(deploymentId, bearerToken) || principal.isEmpty()) {
            return new Decision.Refused(Challenge.bearer());
        }
        return new Decision.Granted(principal.get());
    }

    /** {@code next}, except that an MCP request with the secret on this deployment but no valid principal gets 400. */
    ServeMcp requiringPrincipal(ServeMcp next) {
        Objects.requireNonNull(next, "next");
        return request -> {
            if (MCP_METHODS.contains(request.method()) && admits(request.deploymentId(), request.bearerToken())
                    && principal(request.headers()).isEmpty()) {
                return McpReplies.error(400, JsonRpc.TRANSPORT_ERROR, "Bad Request: name the caller in '"
                        + PRINCIPAL_HEADER + "' (1-200 visible ASCII characters, sent once).");
            }
            return next.serve(request);
        };
    }

    private boolean admits(String deploymentId, Optional<String> bearerToken) {
        return bearerToken.filter(this::isSecret).isPresent() && this.deploymentId.equals(deploymentId);
    }

    /** The principal, if the header is there once and well-formed (sent twice, its values would join into another). */
    private static Optional<String> principal(Headers headers) {
        Optional<String> principal = headers.first(PRINCIPAL_HEADER).filter(p -> PRINCIPAL.matcher(p).matches());
        return principal.isPresent() && headers.joined(PRINCIPAL_HEADER).equals(principal) ? principal
                : Optional.empty();
    }
}
