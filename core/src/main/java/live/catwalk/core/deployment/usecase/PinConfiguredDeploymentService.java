package live.catwalk.core.deployment.usecase;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import live.catwalk.core.deployment.port.out.PackageRegistry;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.PinConfiguredDeployment;

/** Pins with create's own {@link LaunchRules}, so the file and the API resolve versions alike. */
public final class PinConfiguredDeploymentService implements PinConfiguredDeployment {

    private final LaunchRules rules;

    public PinConfiguredDeploymentService(PackageRegistry registry) {
        this.rules = new LaunchRules(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public Result pin(DeploymentSpec checked) {
        return switch (checked.launch()) {
            case Launch.Command command -> new Result.Pinned(checked);
            case Launch.Package requested -> {
                List<ValidationProblem> problems = new ArrayList<>();
                yield rules.pin(requested, problems).<Result>map(pinned -> new Result.Pinned(new DeploymentSpec(
                                checked.name(), pinned, checked.envNames(), checked.sessionMode())))
                        .orElseGet(() -> new Result.Refused(problems));
            }
        };
    }
}
