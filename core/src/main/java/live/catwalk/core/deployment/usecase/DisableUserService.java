package live.catwalk.core.deployment.usecase;

import live.catwalk.core.account.usecase.Admins;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.in.DisableUser;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.account.port.out.UserRepository;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.domain.DeploymentEvent;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.deployment.domain.DeploymentStatus;
import live.catwalk.core.deployment.domain.DesiredState;
import live.catwalk.core.deployment.port.out.ApplicationGrants;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.EventLog;
import live.catwalk.core.deployment.port.out.Runtime;
import live.catwalk.core.shared.CatwalkException;

/**
 * The flag is stored first, so sign-in is refused from the first step on; then the tokens and the OAuth grants given
 * to applications (with their tokens) are revoked, then each
 * deployment is wanted STOPPED (the reconciler never starts it again) before its server is stopped, as an owner's
 * stop does. A deployment changed concurrently is re-read and stopped again (a few attempts).
 */
public final class DisableUserService implements DisableUser {

    private static final int PAGE = 500;
    private static final int ATTEMPTS = 5;

    private final UserRepository users;
    private final TokenRepository tokens;
    private final ApplicationGrants grants;
    private final DeploymentRepository deployments;
    private final EventLog events;
    private final Runtime runtime;
    private final AuditLog audit;
    private final Clock clock;

    public DisableUserService(UserRepository users, TokenRepository tokens, ApplicationGrants grants,
                              DeploymentRepository deployments, EventLog events, Runtime runtime, AuditLog audit,
                              Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.grants = Objects.requireNonNull(grants, "grants");
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.events = Objects.requireNonNull(events, "events");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Disabled disable(Principal caller, UserId id) {
        Admins.require(caller, "disable users");
        User user = Admins.target(users, id);
        if (user.id().equals(caller.user())) {
            throw CatwalkException.of(CatwalkException.Kind.CONFLICT,
                    "You cannot disable yourself: ask another admin, so that an admin always remains.");
        }
        if (!users.setDisabled(id, true)) {
            throw CatwalkException.notFound("no user " + id);
        }
        int revoked = tokens.revokeForOwner(id, clock.instant());
        int revokedGrants = grants.revokeAllOf(id, clock.instant());
        int stopped = 0;
        for (DeploymentId deployment : wantedRunning(id)) {
            if (stop(deployment)) {
                stopped++;
            }
        }
        audit.record(new AuditEntry(clock.instant(), AuditAction.USER_DISABLED, Optional.of(caller.user()),
                Optional.of("user " + id), "disabled " + user.name() + ": revoked " + revoked + " tokens and "
                + revokedGrants + " application grants, stopped "
                + stopped + " deployments"));
        return new Disabled(user.withDisabled(true), revoked, stopped);
    }

    private List<DeploymentId> wantedRunning(UserId owner) {
        List<DeploymentId> ids = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            List<Deployment> page = deployments.listByOwner(owner, offset, PAGE);
            page.stream().filter(d -> d.desired() == DesiredState.RUNNING
                    || d.status() != DeploymentStatus.STOPPED && d.status() != DeploymentStatus.FAILED)
                    .map(Deployment::id).forEach(ids::add);
            if (page.size() < PAGE) {
                return ids;
            }
        }
    }

    /** Wants the deployment STOPPED and stops its server; false if it was gone. */
    private boolean stop(DeploymentId id) {
        for (int attempt = 1; ; attempt++) {
            Optional<Deployment> found = deployments.find(id);
            if (found.isEmpty()) {
                return false;
            }
            Deployment current = found.get();
            Instant now = clock.instant();
            Deployment next = current.want(DesiredState.STOPPED, now);
            if (current.status() != DeploymentStatus.STOPPED) {
                next = next.moveTo(DeploymentStatus.STOPPED, Optional.empty(), now);
            }
            try {
                Deployment stored = deployments.update(next);
                if (stored.status() != current.status()) {
                    events.append(new DeploymentEvent(id, now, Optional.of(current.status()), stored.status(),
                            "stopped: its owner was disabled by an admin"));
                }
                runtime.stop(id);
                return true;
            } catch (CatwalkException e) {
                if (e.kind() == CatwalkException.Kind.NOT_FOUND) {
                    return false;
                }
                if (e.kind() != CatwalkException.Kind.CONFLICT || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
