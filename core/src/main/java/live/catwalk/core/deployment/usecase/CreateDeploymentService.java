package live.catwalk.core.deployment.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.deployment.port.out.PackageRegistry;
import live.catwalk.core.credential.port.in.ReplaceCredentials;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentQuotas;
import live.catwalk.core.deployment.domain.DeploymentSpec;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.MissingProgram;
import live.catwalk.core.deployment.domain.ValidationProblem;
import live.catwalk.core.deployment.port.in.CreateDeployment;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.EventLog;
import live.catwalk.core.deployment.port.out.Programs;
import live.catwalk.core.shared.domain.SessionMode;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.port.out.Randomness;

/**
 * Checks every field, asks the registry only about a syntactically valid package, and pins the deployment to
 * the exact version the registry resolved. A name the owner already uses is reported as a problem on
 * {@code name} (found when storing, so only once everything else is valid). If a step after the deployment
 * row fails, the row is deleted again (its credentials, token and events go with it).
 */
public final class CreateDeploymentService implements CreateDeployment {

    private static final ValidationProblem NAME_REQUIRED = ValidationProblem.of("name", "is required",
            "give the deployment a display name, a short label such as 'weather'");

    private final DeploymentRepository deployments;
    private final EventLog events;
    private final TokenRepository tokens;
    private final AuditLog audit;
    private final ReplaceCredentials credentials;
    private final PackageRegistry registry;
    private final Randomness randomness;
    private final Clock clock;
    private final Quotas quotas;
    private final boolean sandboxed;
    private final Programs programs;
    private final boolean suspends;

    public CreateDeploymentService(DeploymentRepository deployments, EventLog events, TokenRepository tokens,
                                   AuditLog audit, ReplaceCredentials credentials, PackageRegistry registry,
                                   Randomness randomness, Clock clock) {
        this(deployments, events, tokens, audit, credentials, registry, randomness, clock, DeploymentQuotas.UNLIMITED);
    }

    /** A plain user's create beyond {@code quotas} (deployments, or running ones) is LIMIT_EXCEEDED. */
    public CreateDeploymentService(DeploymentRepository deployments, EventLog events, TokenRepository tokens,
                                   AuditLog audit, ReplaceCredentials credentials, PackageRegistry registry,
                                   Randomness randomness, Clock clock, DeploymentQuotas quotas) {
        this(deployments, events, tokens, audit, credentials, registry, randomness, clock, quotas, true);
    }

    /**
     * {@code sandboxed}: whether plain users' servers may run (in a sandbox, or the admin opted out of one);
     * if not, a plain user's package deployment is
     * refused (a problem on {@code package} naming the fix).
     */
    public CreateDeploymentService(DeploymentRepository deployments, EventLog events, TokenRepository tokens,
                                   AuditLog audit, ReplaceCredentials credentials, PackageRegistry registry,
                                   Randomness randomness, Clock clock, DeploymentQuotas quotas, boolean sandboxed) {
        this(deployments, events, tokens, audit, credentials, registry, randomness, clock, quotas, sandboxed,
                Programs.ANY);
    }

    /**
     * As above; a deployment whose program (a package's {@code npx} or {@code uvx}, a command's first argument)
     * {@code programs} does not find is refused (a problem on {@code package.registry} or {@code command} saying
     * how to install it).
     */
    public CreateDeploymentService(DeploymentRepository deployments, EventLog events, TokenRepository tokens,
                                   AuditLog audit, ReplaceCredentials credentials, PackageRegistry registry,
                                   Randomness randomness, Clock clock, DeploymentQuotas quotas, boolean sandboxed,
                                   Programs programs) {
        this(deployments, events, tokens, audit, credentials, registry, randomness, clock, quotas, sandboxed, programs,
                false);
    }

    /**
     * As above; {@code suspends}: whether the runtime can suspend an idle server (else a request for
     * {@code suspendAfterMinutes} is a problem on that field).
     */
    public CreateDeploymentService(DeploymentRepository deployments, EventLog events, TokenRepository tokens,
                                   AuditLog audit, ReplaceCredentials credentials, PackageRegistry registry,
                                   Randomness randomness, Clock clock, DeploymentQuotas quotas, boolean sandboxed,
                                   Programs programs, boolean suspends) {
        this.suspends = suspends;
        this.programs = Objects.requireNonNull(programs, "programs");
        this.sandboxed = sandboxed;
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.events = Objects.requireNonNull(events, "events");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.randomness = Objects.requireNonNull(randomness, "randomness");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.quotas = new Quotas(quotas, deployments);
    }

    @Override
    public Result create(Command command) {
        quotas.checkNewDeployment(command.caller()); // first: an over-quota request costs no registry lookup
        List<ValidationProblem> problems = new ArrayList<>();
        if (command.name() == null) {
            problems.add(NAME_REQUIRED);
        } else {
            DeploymentSpec.nameProblem(command.name()).ifPresent(p -> problems.add(ValidationProblem.of("name", p,
                    "a short label such as 'weather'")));
        }
        // A package whose runner is not installed is not looked up: it cannot run here.
        Optional<MissingProgram> noRunner = command.pkg().flatMap(p -> MissingProgram.runner(p.registry()))
                .filter(p -> !programs.available(p.program()));
        noRunner.ifPresent(p -> problems.add(ValidationProblem.of("package.registry", p.problem(), p.fix())));
        Optional<Launch> launch = noRunner.isPresent() ? Optional.empty()
                : new LaunchRules(registry, sandboxed).check(command, problems);
        launch.filter(l -> l instanceof Launch.Command).map(MissingProgram::of)
                .filter(p -> !programs.available(p.program()))
                .ifPresent(p -> problems.add(ValidationProblem.of("command", p.problem(), p.fix())));
        EnvRules.Checked env = EnvRules.check(command.env());
        problems.addAll(env.problems());
        Optional<SessionMode> mode = sessionMode(command.sessionMode(), problems);
        Optional<Duration> suspendAfter = suspendAfter(command.suspendAfterMinutes(), suspends, problems);
        if (!problems.isEmpty()) {
            return new Result.Rejected(ValidationProblem.capped(problems));
        }
        var spec = new DeploymentSpec(command.name(), launch.orElseThrow(), env.names(), mode.orElseThrow(),
                suspendAfter);
        Instant now = clock.instant();
        DeploymentId id = new DeploymentId(randomness.uuid().toString());
        Deployment stored;
        try {
            stored = deployments.insert(Deployment.create(id, command.caller().user(), spec, now));
        } catch (CatwalkException e) {
            if (e.kind() == CatwalkException.Kind.CONFLICT) {
                return new Result.Rejected(List.of(ValidationProblem.of("name",
                        "is already the name of another of your deployments", "choose another name")));
            }
            throw e;
        }
        try {
            credentials.replace(new ReplaceCredentials.Command(id, env.values()));
            IssuedToken token = DeploymentTokens.mint(randomness, command.caller(), id, now);
            tokens.insert(token.token());
            events.append(new DeploymentEvent(id, now, Optional.empty(), DeploymentStatus.PENDING, "created"));
            audit.record(new AuditEntry(now, AuditAction.DEPLOYMENT_CREATED, Optional.of(command.caller().user()),
                    Optional.of(id.value()), Audits.detail("deployment '" + spec.name() + "' of "
                    + Audits.launch(spec.launch()))));
            return new Result.Created(stored, token);
        } catch (RuntimeException e) {
            try {
                deployments.delete(id);
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * The requested idle time before suspension (none when absent), or a problem on {@code suspendAfterMinutes}: out
     * of range, or asked of a runtime that cannot suspend.
     */
    static Optional<Duration> suspendAfter(Optional<Long> minutes, boolean suspends, List<ValidationProblem> problems) {
        if (minutes.isEmpty()) {
            return Optional.empty();
        }
        long n = minutes.get();
        if (!suspends) {
            problems.add(ValidationProblem.of("suspendAfterMinutes", "needs a runtime that can suspend servers",
                    "this Catwalk runs servers on its own host, which keeps them running; leave the field out, or "
                            + "ask the operator to run deployments on Fly.io"));
        } else if (n < DeploymentSpec.MIN_SUSPEND_MINUTES || n > DeploymentSpec.MAX_SUSPEND_MINUTES) {
            problems.add(ValidationProblem.of("suspendAfterMinutes", "must be a whole number of minutes from "
                    + DeploymentSpec.MIN_SUSPEND_MINUTES + " to " + DeploymentSpec.MAX_SUSPEND_MINUTES,
                    "e.g. 15 suspends the server after 15 minutes without requests; leave it out to keep it running"));
        } else {
            return Optional.of(Duration.ofMinutes(n));
        }
        return Optional.empty();
    }

    /** The requested session mode ({@code shared} when absent), or a problem on {@code sessionMode}. */
    static Optional<SessionMode> sessionMode(Optional<String> requested, List<ValidationProblem> problems) {
        String mode = requested.orElse("shared").toLowerCase(Locale.ROOT);
        return switch (mode) {
            case "shared" -> Optional.of(SessionMode.SHARED);
            case "isolated" -> Optional.of(SessionMode.ISOLATED);
            default -> {
                problems.add(ValidationProblem.of("sessionMode", "must be shared or isolated",
                        "shared (the default) multiplexes every session onto one server; isolated starts one per session"));
                yield Optional.empty();
            }
        };
    }
}
