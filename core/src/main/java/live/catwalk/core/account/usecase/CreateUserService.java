package live.catwalk.core.account.usecase;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.in.CreateUser;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.account.port.out.UserRepository;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.port.out.Randomness;

/** The user row is written before its token; a token failure leaves a user without tokens, never a stray token. */
public final class CreateUserService implements CreateUser {

    /** The label of a new user's first token. */
    public static final String FIRST_TOKEN_NAME = "initial token";

    private final UserRepository users;
    private final AuditLog audit;
    private final PersonalTokens personal;
    private final Randomness randomness;
    private final Clock clock;

    public CreateUserService(UserRepository users, TokenRepository tokens, AuditLog audit, Randomness randomness,
                             Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.randomness = Objects.requireNonNull(randomness, "randomness");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.personal = new PersonalTokens(tokens, audit, randomness, clock);
    }

    @Override
    public Created create(Command command) {
        if (!command.caller().isAdmin()) {
            throw CatwalkException.of(CatwalkException.Kind.FORBIDDEN, "Only an admin can create users.");
        }
        User user;
        try {
            user = new User(new UserId(randomness.uuid()), command.name(), command.role(), clock.instant());
        } catch (IllegalArgumentException e) {
            throw CatwalkException.invalidInput("name", "'" + abbreviated(command.name()) + "' is not a user name",
                    "1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (users.findByName(user.name()).isPresent()) {
            throw CatwalkException.of(CatwalkException.Kind.CONFLICT, "A user named '" + user.name() + "' exists.")
                    .withField("name");
        }
        users.insert(user);
        audit.record(new AuditEntry(clock.instant(), AuditAction.USER_CREATED, Optional.of(command.caller().user()),
                Optional.of("user " + user.id()), "created " + user.name() + " as " + user.role()));
        return new Created(user, personal.issue(user.id(), FIRST_TOKEN_NAME));
    }

    private static String abbreviated(String name) {
        return name.length() > 64 ? name.substring(0, 64) + "…" : name;
    }
}
