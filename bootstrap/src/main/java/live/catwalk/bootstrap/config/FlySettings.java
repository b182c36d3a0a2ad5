package live.catwalk.bootstrap.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.credential.domain.SecretValue;

/**
 * The Fly.io runtime as configured: the token, app and runner image (all three, or none: the local runtime), the key
 * every gateway derives runner secrets from, the region, the Machines API, where runners are reached, how long one
 * has to start answering a forwarded request, and how often stray machines are looked for. The secrets'
 * {@code toString} never shows them.
 */
public record FlySettings(SecretValue token, String app, String image, SecretValue runnerKey, Optional<String> region,
                          URI api, String runnerUrl, Duration answerTimeout, Duration strayInterval) {

    public FlySettings {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(runnerKey, "runnerKey");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(api, "api");
        Objects.requireNonNull(runnerUrl, "runnerUrl");
        Objects.requireNonNull(answerTimeout, "answerTimeout");
        Objects.requireNonNull(strayInterval, "strayInterval");
    }
}
