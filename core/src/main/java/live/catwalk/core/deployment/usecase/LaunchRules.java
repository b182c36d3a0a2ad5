package live.catwalk.core.deployment.usecase;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import live.catwalk.core.deployment.port.out.PackageRegistry;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.PackageArgs;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.PackageRef.Registry;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import live.catwalk.core.shared.CatwalkException;

/**
 * How a requested deployment is launched: exactly one of a package (checked by its registry's rules and its
 * arguments by {@link PackageArgs}', then looked up and pinned) and a command (admins only). Adds every problem it
 * finds; the launch only if none. The API's create and the deployments file share these rules.
 * UPSTREAM_UNAVAILABLE from the registry propagates, and is thrown when the registry resolves to anything but an
 * exact version.
 */
final class LaunchRules {

    /** What a refused package deployment is told when Catwalk has no sandbox for servers. */
    static final String NO_SANDBOX = "cannot run for you: this Catwalk has no sandbox for servers, so a package"
            + " would run as Catwalk's own user, next to its keys and database";
    static final String NO_SANDBOX_HINT = "ask the admin to install bubblewrap (apt-get install bubblewrap), or to"
            + " set CATWALK_SANDBOX=off for a single-user instance";

    private final PackageRegistry registry;
    private final boolean sandboxed;

    LaunchRules(PackageRegistry registry) {
        this(registry, true);
    }

    /** Without a sandbox and no opt-out ({@code sandboxed} false) only admins may deploy packages. */
    LaunchRules(PackageRegistry registry, boolean sandboxed) {
        this.registry = registry;
        this.sandboxed = sandboxed;
    }

    Optional<Launch> check(CreateDeployment.Command request, List<ValidationProblem> problems) {
        int before = problems.size();
        if (request.pkg().isEmpty() && request.command().isEmpty()) {
            problems.add(ValidationProblem.of("package", "is required",
                    "give a package {registry, name, version?}; admins may give a command instead"));
        }
        if (request.pkg().isPresent() && request.command().isPresent()) {
            problems.add(ValidationProblem.of("command", "cannot be given together with a package",
                    "give either a package or a command"));
        }
        if (request.pkg().isPresent() && !sandboxed && !request.caller().isAdmin()) {
            problems.add(ValidationProblem.of("package", NO_SANDBOX, NO_SANDBOX_HINT));
            return Optional.empty(); // no registry lookup for what cannot run
        }
        Optional<Launch> pkg = request.pkg().flatMap(p -> requested(p, problems)).flatMap(p -> pin(p, problems));
        Optional<Launch> command = request.command()
                .flatMap(argv -> command(argv, request.caller().isAdmin(), problems));
        return problems.size() == before ? pkg.or(() -> command) : Optional.empty();
    }

    /**
     * The package as requested, by its registry's rules and {@link PackageArgs}' (no registry is asked): its
     * version as given, possibly absent or a tag. Adds every problem it finds.
     */
    static Optional<Launch.Package> requested(CreateDeployment.PackageRequest request, List<ValidationProblem> problems) {
        List<ValidationProblem> argProblems = PackageArgs.problems(request.args());
        Optional<Registry> known = switch (request.registry().toLowerCase(Locale.ROOT)) {
            case "npm" -> Optional.of(Registry.NPM);
            case "pypi" -> Optional.of(Registry.PYPI);
            default -> Optional.empty();
        };
        if (known.isEmpty()) {
            problems.add(ValidationProblem.of("package.registry", "must be npm or pypi",
                    "Catwalk runs npm packages with npx and PyPI packages with uvx"));
            problems.addAll(argProblems);
            return Optional.empty();
        }
        Registry on = known.get();
        String name = request.name();
        Optional<String> version = request.version().filter(v -> !v.isEmpty());
        Optional<String> nameProblem = PackageRef.problem(on, name, Optional.empty());
        if (nameProblem.isPresent()) {
            problems.add(ValidationProblem.of("package.name", nameProblem.get(), on == Registry.NPM
                    ? "e.g. @modelcontextprotocol/server-everything" : "e.g. mcp-server-git"));
        } else if (PackageRef.problem(on, name, version).isPresent()) {
            problems.add(ValidationProblem.of("package.version", "is not " + (on == Registry.NPM
                    ? "an npm version or tag" : "a PyPI version"), "an exact version such as 1.2.3, or leave it out for the latest"));
        }
        problems.addAll(argProblems);
        if (nameProblem.isPresent() || PackageRef.problem(on, name, version).isPresent() || !argProblems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Launch.Package(new PackageRef(on, name, version), request.args()));
    }

    /**
     * The package pinned to the exact version its registry resolves its requested version (or tag, or latest)
     * to; a problem on {@code package.name} or {@code package.version} if there is no such package or version.
     * UPSTREAM_UNAVAILABLE when the registry cannot be asked or answers anything but an exact version.
     */
    Optional<Launch> pin(Launch.Package requested, List<ValidationProblem> problems) {
        PackageRef ref = requested.ref();
        Registry on = ref.registry();
        String name = ref.name();
        return switch (registry.lookup(ref)) {
            case PackageRegistry.Lookup.Found found -> Optional.of(new Launch.Package(
                    new PackageRef(on, name, Optional.of(exact(on, found.version()))), requested.args()));
            case PackageRegistry.Lookup.NoSuchPackage none -> {
                problems.add(ValidationProblem.of("package.name", "was not found on " + on.wireName(),
                        "check the spelling" + (on == Registry.NPM ? "; scoped packages start with @scope/" : "")));
                yield Optional.empty();
            }
            case PackageRegistry.Lookup.NoSuchVersion other -> {
                problems.add(ValidationProblem.of("package.version", "is not a published version of " + name,
                        PackageRef.isExactVersion(on, other.latest())
                                ? "the latest is " + other.latest() + "; leave the version out to use it"
                                : "ask for an exact version such as 1.2.3"));
                yield Optional.empty();
            }
        };
    }

    /**
     * The version a registry resolved, if it is an exact version by that registry's rules; otherwise the
     * registry answered unusably (UPSTREAM_UNAVAILABLE), as nothing else may be pinned and run.
     */
    private static String exact(Registry on, String version) {
        if (PackageRef.isExactVersion(on, version)) {
            return version;
        }
        throw CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, "the " + on.wireName()
                        + " registry resolved the package to '" + Printable.of(version, 40) + "', which is not an exact "
                        + (on == Registry.NPM ? "semver" : "PEP 440") + " version; Catwalk runs only exact versions")
                .withCode("registry_unavailable")
                .withHint("the registry (or the mirror in CATWALK_NPM_REGISTRY / CATWALK_PYPI_INDEX) is misbehaving;"
                        + " ask for an exact version, or try again later");
    }

    /** The command as given, for an admin (or the operator); a problem on {@code command} otherwise. */
    static Optional<Launch> command(List<String> argv, boolean admin, List<ValidationProblem> problems) {
        if (!admin) {
            problems.add(ValidationProblem.of("command", "is only for admins",
                    "deploy a published package (npm or PyPI) instead"));
            return Optional.empty();
        }
        try {
            return Optional.of(new Launch.Command(argv));
        } catch (IllegalArgumentException | NullPointerException e) {
            problems.add(ValidationProblem.of("command", "is not a runnable argv: " + (e instanceof NullPointerException
                            ? "every argument must be a string" : e.getMessage()),
                    "give the program and its arguments as separate strings, e.g. [\"python3\", \"-m\", \"server\"]"));
            return Optional.empty();
        }
    }
}
