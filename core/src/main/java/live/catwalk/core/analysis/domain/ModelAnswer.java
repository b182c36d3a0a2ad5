package live.catwalk.core.analysis.domain;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.deployment.domain.PackageRef.Registry;

/**
 * What a model answered, already checked against the answer's schema: guesses only, each to be confirmed against
 * a registry or the repository before it is shown as more. Bounded and immutable.
 *
 * @param model the model that answered, e.g. {@code anthropic/claude-sonnet-4}
 */
public record ModelAnswer(String model, Optional<Boolean> isMcpServer, Optional<PackageGuess> pkg,
                          List<EnvGuess> env, List<String> requiredArgs) {

    /** The most variables and arguments kept from one answer. */
    public static final int MAX_ITEMS = 50;
    private static final int MAX_TEXT = 300;

    public ModelAnswer {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(isMcpServer, "isMcpServer");
        Objects.requireNonNull(pkg, "pkg");
        env = env.stream().limit(MAX_ITEMS).toList();
        requiredArgs = requiredArgs.stream().map(ModelAnswer::bounded).filter(a -> !a.isBlank())
                .limit(MAX_ITEMS).toList();
    }

    /** A package the model named: which registry, which name (not yet known to exist). */
    public record PackageGuess(Registry registry, String name) {
        public PackageGuess {
            Objects.requireNonNull(registry, "registry");
            name = bounded(Objects.requireNonNull(name, "name")).strip();
        }
    }

    /** A variable the model named, with what it said of it; the name is checked against the repository later. */
    public record EnvGuess(String name, Optional<String> description, boolean required, boolean secret) {
        public EnvGuess {
            name = bounded(Objects.requireNonNull(name, "name")).strip();
            description = description.map(ModelAnswer::bounded);
        }
    }

    private static String bounded(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
