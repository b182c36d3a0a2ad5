package live.catwalk.core.deployment.usecase;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.port.in.ReplaceCredentials;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentQuotas;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.ReplaceDeploymentEnv;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.EventLog;
import live.catwalk.core.deployment.port.out.Runtime;

/**
 * Ownership first (someone else's deployment is NOT_FOUND even with a bad request), then the create-time
 * variable rules. The sealed values are replaced before the spec's names, so a spec never names a variable
 * that is not stored; then it restarts like {@link RestartDeploymentService} and audits the names only.
 */
public final class ReplaceDeploymentEnvService implements ReplaceDeploymentEnv {

    private final Lifecycle lifecycle;
    private final ReplaceCredentials credentials;
    private final Runtime runtime;
    private final AuditLog audit;

    public ReplaceDeploymentEnvService(DeploymentRepository deployments, EventLog events,
                                       ReplaceCredentials credentials, Runtime runtime, AuditLog audit, Clock clock) {
        this(deployments, events, credentials, runtime, audit, clock, DeploymentQuotas.UNLIMITED);
    }

    /** Replacing the variables of a stopped deployment (which restarts it) is held to the running quota. */
    public ReplaceDeploymentEnvService(DeploymentRepository deployments, EventLog events,
                                       ReplaceCredentials credentials, Runtime runtime, AuditLog audit, Clock clock,
                                       DeploymentQuotas quotas) {
        this.lifecycle = new Lifecycle(deployments, events, clock, quotas);
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public Result replace(Principal caller, DeploymentId id, Map<String, String> env) {
        Deployment current = lifecycle.owned(caller, id);
        EnvRules.Checked checked = EnvRules.check(env);
        if (!checked.problems().isEmpty()) {
            return new Result.Rejected(ValidationProblem.capped(checked.problems()));
        }
        lifecycle.checkMayRun(caller, current); // before the values change, as the change restarts it
        credentials.replace(new ReplaceCredentials.Command(id, checked.values()));
        Deployment stored = lifecycle.change(caller, id, "variables replaced; restart requested", true, (d, now) -> {
            DeploymentSpec spec = d.spec();
            var renamed = new DeploymentSpec(spec.name(), spec.launch(), checked.names(), spec.sessionMode(),
                    spec.suspendAfter());
            return Lifecycle.restarted(d.withSpec(renamed, now), now);
        });
        runtime.stop(id);
        Instant now = lifecycle.clock().instant();
        String names = checked.names().stream().map(EnvVarName::value).collect(Collectors.joining(", "));
        audit.record(new AuditEntry(now, AuditAction.CREDENTIALS_REPLACED, Optional.of(caller.user()),
                Optional.of(id.value()), Audits.detail(names.isEmpty() ? "no variables" : "variables " + names)));
        return new Result.Replaced(stored);
    }
}
