package live.catwalk.core.deployment.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.shared.domain.SessionMode;

/**
 * What a user asked to run: a display name (1-100 characters, no control characters), how to launch it,
 * the names of the variables it gets (values live sealed in the credential store), its session mode, and after how
 * many idle minutes ({@value #MIN_SUSPEND_MINUTES} to {@value #MAX_SUSPEND_MINUTES}) its server is suspended, if
 * ever (runtimes that can suspend only).
 */
public record DeploymentSpec(String name, Launch launch, List<EnvVarName> envNames, SessionMode sessionMode,
                             Optional<Duration> suspendAfter) {

    public static final int MIN_SUSPEND_MINUTES = 1;
    public static final int MAX_SUSPEND_MINUTES = 1440;

    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,100}");

    public DeploymentSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(sessionMode, "sessionMode");
        Objects.requireNonNull(suspendAfter, "suspendAfter");
        suspendAfter.ifPresent(after -> {
            if (after.toSeconds() % 60 != 0 || after.toMinutes() < MIN_SUSPEND_MINUTES
                    || after.toMinutes() > MAX_SUSPEND_MINUTES) {
                throw new IllegalArgumentException("a deployment is suspended after " + MIN_SUSPEND_MINUTES + " to "
                        + MAX_SUSPEND_MINUTES + " whole idle minutes");
            }
        });
        envNames = List.copyOf(envNames);
        nameProblem(name).ifPresent(p -> {
            throw new IllegalArgumentException("a deployment name " + p);
        });
        if (envNames.stream().distinct().count() != envNames.size()) {
            throw new IllegalArgumentException("a deployment's variable names are distinct");
        }
    }

    /** A deployment that is never suspended. */
    public DeploymentSpec(String name, Launch launch, List<EnvVarName> envNames, SessionMode sessionMode) {
        this(name, launch, envNames, sessionMode, Optional.empty());
    }

    /** This spec with {@code after} as its idle time before suspension (empty: never). */
    public DeploymentSpec withSuspendAfter(Optional<Duration> after) {
        return new DeploymentSpec(name, launch, envNames, sessionMode, after);
    }

    /** What is wrong with {@code name} as a deployment's display name, if anything; phrased to follow the field's name. */
    public static Optional<String> nameProblem(String name) {
        return name != null && NAME.matcher(name).matches() && !name.isBlank() ? Optional.empty()
                : Optional.of("is 1-100 characters, not all blank, without control characters");
    }
}
