package live.catwalk.bootstrap.wiring;

import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import live.catwalk.bootstrap.config.ConfiguredDeployment;
import live.catwalk.bootstrap.config.DeploymentsFile;
import live.catwalk.core.mcp.port.out.McpAccess;

/**
 * Access to the deployments of the deployments file: a token is accepted when its SHA-256 matches the
 * deployment's, compared in constant time. The principal is the deployment itself.
 */
final class ConfiguredMcpAccess implements McpAccess.BearerCheck {

    private static final byte[] NO_MATCH = new byte[32];
    private final Map<String, byte[]> hashes;

    ConfiguredMcpAccess(List<ConfiguredDeployment> deployments) {
        this.hashes = deployments.stream().collect(Collectors.toUnmodifiableMap(ConfiguredDeployment::id,
                ConfiguredDeployment::tokenSha256));
    }

    /** Whether the deployments file defines this deployment (then only its token opens it). */
    boolean defines(String deploymentId) {
        return hashes.containsKey(deploymentId);
    }

    @Override
    public Optional<String> principal(String deploymentId, Optional<String> bearerToken) {
        byte[] expected = hashes.getOrDefault(deploymentId, NO_MATCH);
        byte[] presented = DeploymentsFile.sha256(bearerToken.orElse(""));
        boolean match = MessageDigest.isEqual(expected, presented) && bearerToken.isPresent()
                && hashes.containsKey(deploymentId);
        return match ? Optional.of("deployment:" + deploymentId) : Optional.empty();
    }
}
