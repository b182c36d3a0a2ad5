package live.catwalk.core.deployment.usecase;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CheckConfiguredDeployment;
import live.catwalk.core.shared.domain.SessionMode;

/** The deployments file's entries under create's own rules ({@link LaunchRules}, {@link EnvRules}); no registry. */
public final class CheckConfiguredDeploymentService implements CheckConfiguredDeployment {

    @Override
    public Result check(Command command) {
        List<ValidationProblem> problems = new ArrayList<>();
        DeploymentSpec.nameProblem(command.id()).ifPresent(p -> problems.add(ValidationProblem.of("id", p,
                "a short id such as \"everything\"")));
        if (command.pkg().isEmpty() && command.command().isEmpty()) {
            problems.add(ValidationProblem.of("package", "is required",
                    "give a package {registry, name, version?, args?} or a command (an argv)"));
        }
        if (command.pkg().isPresent() && command.command().isPresent()) {
            problems.add(ValidationProblem.of("command", "cannot be given together with a package",
                    "give either a package or a command"));
        }
        Optional<Launch> launch = command.pkg().<Launch>flatMap(p -> LaunchRules.requested(p, problems))
                .or(() -> command.command().flatMap(argv -> LaunchRules.command(argv, true, problems)));
        EnvRules.Checked env = EnvRules.check(command.env());
        problems.addAll(env.problems());
        Optional<SessionMode> mode = CreateDeploymentService.sessionMode(command.sessionMode(), problems);
        if (!problems.isEmpty()) {
            return new Result.Rejected(ValidationProblem.capped(problems));
        }
        return new Result.Checked(new DeploymentSpec(command.id(), launch.orElseThrow(), env.names(), mode.orElseThrow()));
    }
}
