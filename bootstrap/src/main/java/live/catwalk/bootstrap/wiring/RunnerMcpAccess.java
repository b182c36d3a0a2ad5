package live.catwalk.bootstrap.wiring;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import live.catwalk.core.mcp.domain.http.Challenge;
import live.catwalk.core.mcp.domain.http.Headers;
import live.catwalk.core.mcp.port.out.McpAccess;

/**
 * Access to a runner's one deployment: granted only for the runner secret (compared in constant time) on that
 * deployment's id, as the principal the gateway names in {@code Catwalk-Principal} (1-200 visible ASCII), so each
 * session stays bound to its owner. Anything else is refused alike (401): a missing or wrong secret, another
 * deployment, a missing or malformed principal.
 */
final class RunnerMcpAccess implements McpAccess {

    static final String PRINCIPAL_HEADER = "Catwalk-Principal";
    private static final Pattern PRINCIPAL = Pattern.compile("[\\x21-\\x7E]{1,200}");

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
        boolean secretOk = bearerToken.filter(this::isSecret).isPresent();
        Optional<String> principal = headers.first(PRINCIPAL_HEADER).filter(p -> PRINCIPAL.matcher(p).matches());
        // Sent twice, the header's values would be joined into another principal: refused.
        if (!secretOk || !this.deploymentId.equals(deploymentId) || principal.isEmpty()
                || !headers.joined(PRINCIPAL_HEADER).equals(principal)) {
            return new Decision.Refused(Challenge.bearer());
        }
        return new Decision.Granted(principal.get());
    }
}
