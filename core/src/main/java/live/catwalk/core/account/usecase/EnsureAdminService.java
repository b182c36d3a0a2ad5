package live.catwalk.core.account.usecase;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.in.EnsureAdmin;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.account.port.out.UserRepository;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.port.out.Randomness;

/**
 * If two instances start on one empty store at once, the one whose insert loses (CONFLICT) answers empty.
 * INVALID_INPUT (field {@code name}) for a name that is not a valid user name.
 */
public final class EnsureAdminService implements EnsureAdmin {

    /** The label of the admin's first token. */
    public static final String FIRST_TOKEN_NAME = "initial admin token";

    private final UserRepository users;
    private final PersonalTokens personal;
    private final Randomness randomness;
    private final Clock clock;

    public EnsureAdminService(UserRepository users, TokenRepository tokens, AuditLog audit, Randomness randomness,
                              Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.randomness = Objects.requireNonNull(randomness, "randomness");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.personal = new PersonalTokens(tokens, audit, randomness, clock);
    }

    @Override
    public Optional<IssuedToken> ensureAdmin(String name) {
        if (users.count() > 0) {
            return Optional.empty();
        }
        User admin;
        try {
            admin = new User(new UserId(randomness.uuid()), name, Role.ADMIN, clock.instant());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw CatwalkException.invalidInput("name", "'" + name + "' is not a user name",
                    "1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        try {
            users.insert(admin);
        } catch (CatwalkException e) {
            if (e.kind() == CatwalkException.Kind.CONFLICT) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(personal.issue(admin.id(), FIRST_TOKEN_NAME));
    }
}
