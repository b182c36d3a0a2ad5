package live.catwalk.bootstrap;

import java.util.Locale;
import java.util.Objects;
import live.catwalk.core.mcp.domain.ServerCommand;
import live.catwalk.core.mcp.domain.SessionMode;

/**
 * A deployment defined in the deployments file: its id, how to start its server, its session mode and
 * the SHA-256 of its access token (the token itself is not kept).
 */
record ConfiguredDeployment(String id, ServerCommand command, SessionMode mode, byte[] tokenSha256) {

    ConfiguredDeployment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(mode, "mode");
        tokenSha256 = tokenSha256.clone();
    }

    @Override
    public String toString() {
        return "deployment " + id + " (" + mode.name().toLowerCase(Locale.ROOT) + "): " + command;
    }
}
