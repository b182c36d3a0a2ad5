package live.catwalk.bootstrap.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.credential.domain.SecretValue;

/** Reads the Fly.io runtime's variables: all of token, app and image, or none of them. */
final class FlyConfig {

    private FlyConfig() {
    }

    /** The Fly settings, empty for the local runtime; null after recording a problem. */
    static Optional<FlySettings> read(CatwalkConfig.Reader r) {
        Optional<SecretValue> token = r.read(ConfigVariable.FLY_API_TOKEN, v -> v.isEmpty()
                ? Optional.<SecretValue>empty() : Optional.of(new SecretValue(v)));
        String app = r.read(ConfigVariable.FLY_APP, v -> {
            if (!v.isEmpty() && !v.matches("[a-z0-9][a-z0-9-]{0,62}")) {
                throw new IllegalArgumentException("is not a Fly app name");
            }
            return v;
        });
        String image = r.read(ConfigVariable.FLY_IMAGE, v -> {
            if (!v.isEmpty() && !v.matches("[A-Za-z0-9][A-Za-z0-9._/:@-]{0,499}")) {
                throw new IllegalArgumentException("is not an image reference");
            }
            return v;
        });
        Optional<SecretValue> key = r.read(ConfigVariable.RUNNER_KEY, v -> {
            if (!v.isEmpty() && v.length() < 32) {
                throw new IllegalArgumentException("is shorter than 32 characters");
            }
            return v.isEmpty() ? Optional.<SecretValue>empty() : Optional.of(new SecretValue(v));
        });
        String region = r.read(ConfigVariable.FLY_REGION, v -> {
            if (!v.isEmpty() && !v.matches("[a-z]{3}")) {
                throw new IllegalArgumentException("is not a Fly region code");
            }
            return v;
        });
        Optional<URI> api = r.read(ConfigVariable.FLY_API_URL, ConfigValues::httpUrl);
        String runnerUrl = r.read(ConfigVariable.FLY_RUNNER_URL, v -> {
            if (!v.matches("https?://[^\\s]+") || !v.contains("{machine}")) {
                throw new IllegalArgumentException("is not an http(s) URL template naming {machine}");
            }
            return v;
        });
        Duration answerTimeout = r.read(ConfigVariable.FLY_ANSWER_TIMEOUT,
                v -> ConfigValues.duration(v, Duration.ofSeconds(5), Duration.ofHours(1)));
        Duration strayInterval = r.read(ConfigVariable.FLY_STRAY_INTERVAL,
                v -> ConfigValues.duration(v, Duration.ofSeconds(1), Duration.ofHours(24)));
        if (token == null || app == null || image == null || key == null || region == null || api == null
                || runnerUrl == null || answerTimeout == null || strayInterval == null) {
            return null;
        }
        List<Boolean> set = List.of(token.isPresent(), !app.isEmpty(), !image.isEmpty());
        if (!set.contains(true)) {
            return Optional.empty();
        }
        if (set.contains(false)) {
            r.problem(token.isEmpty() ? ConfigVariable.FLY_API_TOKEN : app.isEmpty() ? ConfigVariable.FLY_APP
                    : ConfigVariable.FLY_IMAGE, "Not set, while other Fly variables are",
                    "Set FLY_API_TOKEN, CATWALK_FLY_APP and CATWALK_FLY_IMAGE together to run deployments on Fly "
                            + "Machines, or none of them for the local runtime.");
            return null;
        }
        if (key.isEmpty()) {
            r.problem(ConfigVariable.RUNNER_KEY, "Not set, while Fly is",
                    "Set CATWALK_RUNNER_KEY to 32 or more random characters (e.g. openssl rand -hex 32), the same "
                            + "on every gateway.");
            return null;
        }
        return Optional.of(new FlySettings(token.get(), app, image, key.get(),
                Optional.of(region).filter(s -> !s.isEmpty()), api.orElseThrow(), runnerUrl, answerTimeout,
                strayInterval));
    }
}
