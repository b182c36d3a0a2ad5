package live.catwalk.core.account.usecase;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.in.EnableUser;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.account.port.out.UserRepository;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.port.out.Randomness;

/** The new token is issued (and audited as TOKEN_ISSUED) after the flag is cleared. */
public final class EnableUserService implements EnableUser {

    /** The label of the token a re-enabled user gets. */
    public static final String TOKEN_NAME = "token after re-enabling";

    private final UserRepository users;
    private final AuditLog audit;
    private final PersonalTokens personal;
    private final Clock clock;

    public EnableUserService(UserRepository users, TokenRepository tokens, AuditLog audit, Randomness randomness,
                             Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.personal = new PersonalTokens(tokens, audit, randomness, clock);
    }

    @Override
    public Enabled enable(Principal caller, UserId id) {
        Admins.require(caller, "enable users");
        User user = Admins.target(users, id);
        if (!user.disabled()) {
            throw CatwalkException.of(CatwalkException.Kind.CONFLICT, "User '" + user.name() + "' is not disabled.");
        }
        if (!users.setDisabled(id, false)) {
            throw CatwalkException.notFound("no user " + id);
        }
        audit.record(new AuditEntry(clock.instant(), AuditAction.USER_ENABLED, Optional.of(caller.user()),
                Optional.of("user " + id), "enabled " + user.name()));
        IssuedToken token = personal.issue(id, TOKEN_NAME);
        return new Enabled(user.withDisabled(false), token);
    }
}
