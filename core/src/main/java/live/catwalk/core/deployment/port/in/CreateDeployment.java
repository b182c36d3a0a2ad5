package live.catwalk.core.deployment.port.in;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.ValidationProblem;

/**
 * Validates a deployment request as a whole (every problem reported at once, nothing stored if there is
 * one), then stores the deployment PENDING and wanted RUNNING, pinned to the exact version the registry
 * resolved, with its sealed variables and its access token. Problems name the field: {@code name},
 * {@code package}, {@code package.registry}, {@code package.name}, {@code package.version}, {@code package.args},
 * {@code package.args[i]}, {@code command},
 * {@code env}, {@code env.<NAME>}, {@code sessionMode}, {@code suspendAfterMinutes}. Variables: names by
 * {@code EnvVarName}, each value at
 * most 16 KiB, at most 100 of them and 64 KiB of names and values in all (UTF-8 bytes). A name the owner
 * already uses is a problem on {@code name}, found only once all else is valid; at most 50 problems are listed
 * (the last one counting the rest). Throws LIMIT_EXCEEDED (code {@code quota_exceeded}) when a plain user
 * is at their deployment or running quota, and UPSTREAM_UNAVAILABLE when the package registry cannot be asked
 * or resolves the package to anything but an exact version.
 */
@FunctionalInterface
public interface CreateDeployment {

    /**
     * A package on a registry as requested: registry {@code npm} or {@code pypi}, name, optional version or tag,
     * and the arguments its server gets after the package (checked by {@code PackageArgs}; may hold nulls, which
     * are reported as problems).
     */
    record PackageRequest(String registry, String name, Optional<String> version, List<String> args) {
        public PackageRequest {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(version, "version");
            args = Collections.unmodifiableList(new ArrayList<>(args));
        }

        /** A package requested without arguments. */
        public PackageRequest(String registry, String name, Optional<String> version) {
            this(registry, name, version, List.of());
        }
    }

    /**
     * The request as received: {@code name} (null when the request gave none: a problem on {@code name}, reported
     * with every other); exactly one of {@code pkg} and {@code command} (argv, admins only); variables by name;
     * session mode {@code shared} (the default) or {@code isolated}; optionally after how many idle minutes its server
     * is suspended (a problem on {@code suspendAfterMinutes} out of range, or where the runtime cannot suspend). A
     * variable whose value is null (JSON {@code null}) is a problem on {@code env.<NAME>}.
     */
    record Command(Principal caller, String name, Optional<PackageRequest> pkg, Optional<List<String>> command,
                   Map<String, String> env, Optional<String> sessionMode, Optional<Long> suspendAfterMinutes) {
        public Command {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(pkg, "pkg");
            command = Objects.requireNonNull(command, "command").map(List::copyOf);
            env = Collections.unmodifiableMap(new LinkedHashMap<>(env)); // a null value is a problem, found later
            Objects.requireNonNull(sessionMode, "sessionMode");
            Objects.requireNonNull(suspendAfterMinutes, "suspendAfterMinutes");
        }

        /** A request for a deployment that is never suspended. */
        public Command(Principal caller, String name, Optional<PackageRequest> pkg, Optional<List<String>> command,
                       Map<String, String> env, Optional<String> sessionMode) {
            this(caller, name, pkg, command, env, sessionMode, Optional.empty());
        }
    }

    /** Either the stored deployment with its token (shown once), or every problem found. */
    sealed interface Result {
        record Created(Deployment deployment, IssuedToken token) implements Result {
        }

        record Rejected(List<ValidationProblem> problems) implements Result {
            public Rejected {
                problems = List.copyOf(problems);
            }
        }
    }

    Result create(Command command);
}
