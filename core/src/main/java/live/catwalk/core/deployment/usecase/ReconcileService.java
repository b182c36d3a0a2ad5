package live.catwalk.core.deployment.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.port.out.UserRepository;
import live.catwalk.core.credential.domain.EnvVarName;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.credential.port.in.OpenCredentials;
import live.catwalk.core.deployment.domain.Crash;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.domain.Launch;
import live.catwalk.core.deployment.domain.MissingProgram;
import live.catwalk.core.deployment.domain.RuntimeState;
import live.catwalk.core.deployment.port.in.Reconcile;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.EventLog;
import live.catwalk.core.deployment.port.out.Programs;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.shared.domain.ServerCommand;
import live.catwalk.core.shared.CatwalkException;

/**
 * One pass: each deployment wanted RUNNING is moved one step by its status and what the runtime reports,
 * then every runtime deployment that is not wanted (or no longer exists) is stopped. A status is always
 * stored (optimistically) before the runtime is told to start, so a deployment stopped meanwhile loses the
 * race here, not in the runtime. A deployment that throws is skipped and the pass goes on; at its end, an
 * INTERNAL {@code reconcile_incomplete} carries each such exception as suppressed, for the caller to log.
 * Opened variables live only in the {@link ServerCommand} handed to {@link Runtime#start}. A running server's
 * health is read from {@link HealthProbes}, whose pings may run elsewhere, so the pass does not wait on a server;
 * one unhealthy for {@link HealthProbes#restartAfter} is restarted ({@link Runtime#restart}). A deployment whose spec
 * says so is suspended once the runtime finds it idle that long, and is SUSPENDED until a request resumes it.
 */
public final class ReconcileService implements Reconcile {

    private final DeploymentRepository deployments;
    private final EventLog events;
    private final Runtime runtime;
    private final OpenCredentials credentials;
    /** A deployment this young whose variables are not all stored yet is still being created, not broken. */
    static final Duration CREATE_GRACE = Duration.ofSeconds(10);
    private final Clock clock;
    private final HealthProbes probes;
    /** Whether the deployment's owner's packages may run here (always, when there is a sandbox). */
    private final Predicate<Deployment> mayRun;
    private final Programs programs;
    /**
     * The wanted deployments this reconciler has driven, so in this run of Catwalk: one FAILED and not among them
     * failed before Catwalk (re)started, and is tried once more.
     */
    private final Set<DeploymentId> driven = ConcurrentHashMap.newKeySet();
    /** How often a runtime is asked whether a deployment that may be suspended is idle. */
    static final Duration IDLE_CHECK_EVERY = Duration.ofSeconds(15);
    /** When each deployment that may be suspended was last checked for idleness. */
    private final Map<DeploymentId, Instant> idleChecked = new ConcurrentHashMap<>();

    /**
     * Each running server's health comes from {@code probes} ({@link HealthProbes#inline} pings on the pass's own
     * thread, for tests); off this pass's thread a server that does not answer never delays another deployment.
     * Without a sandbox ({@code sandboxed} false) a plain user's package deployment is not started but FAILED,
     * with the fix as reason: it may have been created while there was one. {@code users} tells who is admin. A
     * deployment whose program (e.g. {@code uvx}) {@code programs} does not find is not started but FAILED, with
     * how to install it as reason.
     */
    public ReconcileService(DeploymentRepository deployments, EventLog events, Runtime runtime,
                            OpenCredentials credentials, Clock clock, HealthProbes probes, UserRepository users,
                            boolean sandboxed, Programs programs) {
        this(deployments, events, runtime, credentials, clock, probes, sandboxed ? d -> true
                : d -> !(d.spec().launch() instanceof Launch.Package)
                        || users.find(d.owner()).map(u -> u.role() == Role.ADMIN).orElse(false), programs);
    }

    private ReconcileService(DeploymentRepository deployments, EventLog events, Runtime runtime,
                             OpenCredentials credentials, Clock clock, HealthProbes probes,
                             Predicate<Deployment> mayRun, Programs programs) {
        this.mayRun = mayRun;
        this.programs = Objects.requireNonNull(programs, "programs");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.events = Objects.requireNonNull(events, "events");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.probes = Objects.requireNonNull(probes, "probes");
    }

    @Override
    public void reconcile() {
        List<RuntimeException> failures = new ArrayList<>();
        Set<DeploymentId> wanted = new HashSet<>();
        for (Deployment deployment : deployments.listWantedRunning()) {
            wanted.add(deployment.id());
            try {
                drive(deployment);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        driven.retainAll(wanted);
        idleChecked.keySet().retainAll(wanted);
        probes.retain(wanted);
        for (DeploymentId running : runtime.deployments()) {
            if (!wanted.contains(running)) {
                try {
                    runtime.stop(running);
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }
        }
        if (!failures.isEmpty()) {
            CatwalkException incomplete = CatwalkException.of(CatwalkException.Kind.INTERNAL,
                    "a reconcile pass skipped " + failures.size() + " deployment(s)").withCode("reconcile_incomplete");
            failures.forEach(incomplete::addSuppressed);
            throw incomplete;
        }
    }

    private void drive(Deployment deployment) {
        boolean firstSeen = driven.add(deployment.id());
        switch (deployment.status()) {
            case PENDING -> move(deployment, DeploymentStatus.VALIDATING, Optional.empty(), "validating")
                    .ifPresent(this::validateAndStart);
            case VALIDATING, PROVISIONING -> validateAndStart(deployment);
            case STOPPED -> move(deployment, DeploymentStatus.PENDING, Optional.empty(), "start wanted")
                    .flatMap(d -> move(d, DeploymentStatus.VALIDATING, Optional.empty(), "validating"))
                    .ifPresent(this::validateAndStart);
            case STARTING, RUNNING, UNHEALTHY, SUSPENDED -> observe(deployment);
            case FAILED -> {
                if (firstSeen && runtime.state(deployment.id()) instanceof RuntimeState.Absent) {
                    // failed before Catwalk started: once more, with the supervisor's backoff and crash-loop limit
                    move(deployment, DeploymentStatus.PENDING, Optional.empty(),
                            "Catwalk restarted; trying the failed deployment again")
                            .flatMap(d -> move(d, DeploymentStatus.VALIDATING, Optional.empty(), "validating"))
                            .ifPresent(this::validateAndStart);
                }
                // otherwise FAILED waits for its owner's Start
            }
            case DELETED -> {
                // DELETED rows do not exist
            }
        }
    }

    private void validateAndStart(Deployment deployment) {
        launchCommand(deployment).ifPresent(command ->
                move(deployment, DeploymentStatus.STARTING, Optional.empty(), "starting " + Audits.launch(
                        deployment.spec().launch()))
                        .ifPresent(started -> runtime.start(started.id(), command, started.spec().sessionMode())));
    }

    private void observe(Deployment deployment) {
        DeploymentStatus status = deployment.status();
        for (Crash crash : runtime.takeCrashes(deployment.id())) {
            events.append(new DeploymentEvent(deployment.id(), clock.instant(), Optional.of(status), status,
                    crash.describe()));
            probes.forget(deployment.id()); // the restarted server is probed at once
        }
        RuntimeState state = runtime.state(deployment.id());
        if (!(state instanceof RuntimeState.Running)) {
            probes.forget(deployment.id());
        }
        switch (state) {
            case RuntimeState.Failed failed ->
                    move(deployment, DeploymentStatus.FAILED, Optional.of(failed.reason()), "failed: " + failed.reason());
            case RuntimeState.Absent absent -> startAgain(deployment);
            case RuntimeState.Starting starting -> {
                if (status == DeploymentStatus.RUNNING) {
                    move(deployment, DeploymentStatus.UNHEALTHY, Optional.of(starting.detail()),
                            "unhealthy: " + starting.detail());
                }
            }
            case RuntimeState.Suspended suspended -> {
                if (status != DeploymentStatus.SUSPENDED) {
                    move(deployment, DeploymentStatus.SUSPENDED, Optional.empty(),
                            "suspended while idle; the next request resumes it");
                }
            }
            case RuntimeState.Running running -> {
                Optional<Boolean> probed = probes.answers(deployment.id());
                if (probed.isEmpty()) {
                    return; // its first probe still runs
                }
                boolean answers = probed.get();
                if (answers && status != DeploymentStatus.RUNNING) {
                    move(deployment, DeploymentStatus.RUNNING, Optional.empty(), switch (status) {
                        case STARTING -> "running";
                        case SUSPENDED -> "resumed by a request";
                        default -> "healthy again: answers ping";
                    });
                } else if (answers) {
                    suspendIfIdle(deployment);
                } else if (status != DeploymentStatus.UNHEALTHY) {
                    String why = "does not answer an MCP ping within " + probes.pingTimeout().toMillis() + " ms";
                    move(deployment, DeploymentStatus.UNHEALTHY, Optional.of(why), "unhealthy: " + why);
                } else if (!clock.instant().isBefore(deployment.updatedAt().plus(probes.restartAfter()))) {
                    restartUnhealthy(deployment);
                }
            }
        }
    }

    /**
     * Suspends a running deployment that asked for it once its server has been idle that long; the runtime is asked
     * at most every {@link #IDLE_CHECK_EVERY} per deployment.
     */
    private void suspendIfIdle(Deployment deployment) {
        Optional<Duration> after = deployment.spec().suspendAfter();
        Instant now = clock.instant();
        Instant last = idleChecked.get(deployment.id());
        if (after.isEmpty() || (last != null && now.isBefore(last.plus(IDLE_CHECK_EVERY)))) {
            return;
        }
        idleChecked.put(deployment.id(), now);
        if (runtime.suspendIfIdle(deployment.id(), after.get())) {
            probes.forget(deployment.id());
            move(deployment, DeploymentStatus.SUSPENDED, Optional.empty(), "suspended after "
                    + after.get().toMinutes() + " idle minute(s); the next request resumes it");
        }
    }

    /** A server unhealthy for {@link HealthProbes#restartAfter} is restarted in place. */
    private void restartUnhealthy(Deployment deployment) {
        String why = "unhealthy for " + probes.restartAfter().toSeconds() + " s; restarting it";
        probes.forget(deployment.id());
        move(deployment, DeploymentStatus.STARTING, Optional.empty(), why).ifPresent(d -> launchCommand(d)
                .ifPresent(command -> runtime.restart(d.id(), command, d.spec().sessionMode())));
    }

    /** The runtime does not have a deployment that should be up: after a Catwalk restart, or a restart request. */
    private void startAgain(Deployment deployment) {
        Optional<Deployment> starting = deployment.status() == DeploymentStatus.STARTING
                ? unchanged(deployment)
                : move(deployment, DeploymentStatus.STARTING, Optional.empty(), "not running; starting it again");
        starting.ifPresent(d -> launchCommand(d).ifPresent(command ->
                runtime.start(d.id(), command, d.spec().sessionMode())));
    }

    /**
     * The command that runs the deployment, with its opened variables; empty (and the deployment FAILED) if a
     * variable it declares is refused by the current rules, is not stored or does not open.
     */
    private Optional<ServerCommand> launchCommand(Deployment deployment) {
        if (!mayRun.test(deployment)) {
            fail(deployment, "this Catwalk has no sandbox for servers, so its owner's package cannot run; "
                    + LaunchRules.NO_SANDBOX_HINT);
            return Optional.empty();
        }
        MissingProgram program = MissingProgram.of(deployment.spec().launch());
        if (!programs.available(program.program())) {
            fail(deployment, program.text());
            return Optional.empty();
        }
        List<String> refused = deployment.spec().envNames().stream().filter(n -> n.refusal().isPresent())
                .map(EnvVarName::value).toList();
        if (!refused.isEmpty()) {
            // Stored before the current rules: never handed to a server, whatever the row says.
            fail(deployment, "variables no server may set: " + String.join(", ", refused)
                    + "; replace the deployment's variables");
            return Optional.empty();
        }
        Map<EnvVarName, SecretValue> opened;
        try {
            opened = credentials.open(deployment.id());
        } catch (CatwalkException e) {
            if (e.kind() != CatwalkException.Kind.INTERNAL) {
                throw e;
            }
            fail(deployment, "its stored variables could not be opened (" + e.code() + ")");
            return Optional.empty();
        }
        List<EnvVarName> missing = deployment.spec().envNames().stream().filter(n -> !opened.containsKey(n)).toList();
        if (!missing.isEmpty() && clock.instant().isBefore(deployment.createdAt().plus(CREATE_GRACE))) {
            // Create stores the row first and its variables just after; a pass in between waits for them.
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            fail(deployment, "variables declared but not stored: "
                    + missing.stream().map(EnvVarName::value).collect(Collectors.joining(", ")));
            return Optional.empty();
        }
        Map<String, String> env = new LinkedHashMap<>();
        deployment.spec().envNames().forEach(name -> env.put(name.value(), opened.get(name).reveal()));
        List<String> argv = switch (deployment.spec().launch()) {
            case Launch.Package pkg -> pkg.argv();
            case Launch.Command command -> command.argv();
        };
        return Optional.of(new ServerCommand(argv, env)
                .in(new ServerCommand.Workspace(deployment.owner().value().toString(), deployment.id().value())));
    }

    private void fail(Deployment deployment, String reason) {
        move(deployment, DeploymentStatus.FAILED, Optional.of(reason), "failed: " + reason);
    }

    /** The deployment if it is still stored exactly as read and still wanted RUNNING; empty otherwise. */
    private Optional<Deployment> unchanged(Deployment deployment) {
        return deployments.find(deployment.id())
                .filter(d -> d.version() == deployment.version() && d.desired() == DesiredState.RUNNING);
    }

    /** Stores the move and its event; empty if someone else changed or removed the deployment first. */
    private Optional<Deployment> move(Deployment deployment, DeploymentStatus to, Optional<String> why,
                                      String message) {
        Instant now = clock.instant();
        Deployment stored;
        try {
            stored = deployments.update(deployment.moveTo(to, why, now));
        } catch (CatwalkException e) {
            if (e.kind() == CatwalkException.Kind.CONFLICT || e.kind() == CatwalkException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
        events.append(new DeploymentEvent(deployment.id(), now, Optional.of(deployment.status()), to, message));
        return Optional.of(stored);
    }
}
