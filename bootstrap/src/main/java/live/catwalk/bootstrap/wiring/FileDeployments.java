package live.catwalk.bootstrap.wiring;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import live.catwalk.bootstrap.config.ConfiguredDeployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.FileDeployment;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.PackageRef;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.PinConfiguredDeployment;
import live.catwalk.core.mcp.engine.McpEndpoints;
import live.catwalk.core.shared.CatwalkException;

/**
 * Starts the deployments file's deployments at boot: each package pinned as the API pins one, then served at
 * {@code /mcp/{id}}. An entry whose package cannot be pinned (unknown, or the registry unreachable) is not run
 * (never unpinned): it is FAILED with the reason, logged, and listed so; the others start. One that already names an
 * exact version runs it when the registry is unreachable (it is pinned; the registry only could not confirm it).
 */
final class FileDeployments {

    private static final System.Logger LOG = System.getLogger(FileDeployments.class.getName());

    private FileDeployments() {
    }

    static List<FileDeployment> start(List<ConfiguredDeployment> deployments, PinConfiguredDeployment pin,
                                      McpEndpoints endpoints) {
        List<FileDeployment> started = new ArrayList<>();
        for (ConfiguredDeployment d : deployments) {
            FileDeployment shown = start(d, pin, endpoints);
            shown.reason().filter(r -> shown.status() == DeploymentStatus.FAILED).ifPresentOrElse(
                    reason -> LOG.log(System.Logger.Level.WARNING, d.id() + " (deployments file): " + reason),
                    () -> LOG.log(System.Logger.Level.INFO, d + ": " + launched(shown) + " at /mcp/" + d.id()));
            started.add(shown);
        }
        return List.copyOf(started);
    }

    private static FileDeployment start(ConfiguredDeployment d, PinConfiguredDeployment pin, McpEndpoints endpoints) {
        DeploymentId id = new DeploymentId(d.id());
        PinConfiguredDeployment.Result pinned;
        try {
            pinned = pin.pin(d.spec());
        } catch (CatwalkException e) {
            if (e.kind() != CatwalkException.Kind.UPSTREAM_UNAVAILABLE) {
                throw e;
            }
            if (exact(d)) {
                // The file already names an exact version: that is pinned, only not confirmed by the registry.
                LOG.log(System.Logger.Level.WARNING, d.id() + " (deployments file): the registry could not confirm"
                        + " its exact version (" + e.getMessage() + "); running the version the file names");
                pinned = new PinConfiguredDeployment.Result.Pinned(d.spec());
            } else {
                return failed(id, d, "not started: its package could not be pinned to an exact version, and Catwalk never"
                        + " runs a package unpinned (" + e.getMessage() + "); restart Catwalk once the registry answers"
                        + " (CATWALK_NPM_REGISTRY / CATWALK_PYPI_INDEX choose the registry), or give an exact version");
            }
        }
        return switch (pinned) {
            case PinConfiguredDeployment.Result.Refused refused -> failed(id, d, "not started: "
                    + refused.problems().stream().map(FileDeployments::line).collect(Collectors.joining("; ")));
            case PinConfiguredDeployment.Result.Pinned ok -> {
                List<String> argv = switch (ok.spec().launch()) {
                    case Launch.Package p -> p.argv();
                    case Launch.Command c -> c.argv();
                };
                Optional<String> problem = endpoints.register(d.id(), d.command(argv), d.mode());
                yield new FileDeployment(id, ok.spec(), problem.isPresent() ? DeploymentStatus.FAILED
                        : DeploymentStatus.STARTING, problem.map(p -> "the server could not start: " + p));
            }
        };
    }

    /** Whether the entry's package names an exact version (semver, PEP 440), not a tag or nothing. */
    private static boolean exact(ConfiguredDeployment d) {
        return d.spec().launch() instanceof Launch.Package p
                && p.ref().version().filter(v -> PackageRef.isExactVersion(p.ref().registry(), v)).isPresent();
    }

    private static FileDeployment failed(DeploymentId id, ConfiguredDeployment d, String reason) {
        return new FileDeployment(id, d.spec(), DeploymentStatus.FAILED, Optional.of(reason));
    }

    private static String line(ValidationProblem p) {
        return p.field() + " " + p.message()
                + p.hint().map(h -> " (" + h + ")").orElse("");
    }

    private static String launched(FileDeployment d) {
        return switch (d.spec().launch()) {
            case Launch.Package p -> p.ref() + (p.args().isEmpty() ? "" : " with " + p.args().size() + " arguments");
            case Launch.Command c -> "a command of " + c.argv().size() + " arguments";
        };
    }
}
