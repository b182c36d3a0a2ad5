package live.catwalk.core.account.usecase;

import java.time.Clock;
import java.util.Objects;
import java.util.regex.Pattern;
import live.catwalk.core.account.domain.IssuedToken;
import live.catwalk.core.account.port.in.IssueToken;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.port.out.Randomness;

/** Mints a {@code cwk_} token, stores only its hash and prefix, and audits the issue (never the secret). */
public final class IssueTokenService implements IssueToken {

    private static final Pattern NAME = Pattern.compile("[^\\p{Cntrl}]{1,100}");

    private final PersonalTokens personal;

    public IssueTokenService(TokenRepository tokens, AuditLog audit, Randomness randomness, Clock clock) {
        this.personal = new PersonalTokens(tokens, audit, randomness, clock);
    }

    @Override
    public IssuedToken issue(Command command) {
        Objects.requireNonNull(command, "command");
        if (!NAME.matcher(command.name()).matches() || command.name().isBlank()) {
            throw CatwalkException.invalidInput("name", "a token name is 1-100 characters without control characters",
                    "name the token after where it is used, e.g. 'laptop cli'");
        }
        return personal.issue(command.caller().user(), command.name());
    }
}
