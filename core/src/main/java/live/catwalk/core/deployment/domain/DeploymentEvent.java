package live.catwalk.core.deployment.domain;

import live.catwalk.core.shared.domain.DeploymentId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One step of a deployment's timeline: when, from which status (absent for the first), to which, and why. */
public record DeploymentEvent(DeploymentId deployment, Instant at, Optional<DeploymentStatus> from,
                              DeploymentStatus to, String message) {

    public static final int MAX_MESSAGE = 1000;

    public DeploymentEvent {
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(message, "message");
        message = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    }
}
