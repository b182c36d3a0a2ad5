package live.catwalk.core.account.usecase;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.BrowserSession;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.port.in.Authenticate;
import live.catwalk.core.account.port.in.BrowserSessions;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.account.port.out.UserRepository;
import live.catwalk.core.shared.port.out.Randomness;

/**
 * Browser sessions kept in memory (a restart signs browsers out; the personal tokens stay), at most
 * {@value #MAX_SESSIONS} in all and {@value #MAX_PER_USER} per user (the oldest go first). Every request re-checks
 * the session's token and user, so revoking the token or disabling the user ends its sessions at once. Thread-safe.
 */
public final class BrowserSessionsService implements BrowserSessions {

    public static final int MAX_SESSIONS = 10_000;
    public static final int MAX_PER_USER = 20;
    /** How stale a session's last-seen time may get before a use is recorded. */
    static final Duration TOUCH = Duration.ofMinutes(1);

    private final Authenticate tokens;
    private final TokenRepository tokenRepository;
    private final UserRepository users;
    private final Randomness random;
    private final Clock clock;
    private final Map<TokenHash, BrowserSession> sessions = new ConcurrentHashMap<>();

    public BrowserSessionsService(Authenticate tokens, TokenRepository tokenRepository, UserRepository users,
                                  Randomness random, Clock clock) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.tokenRepository = Objects.requireNonNull(tokenRepository, "tokenRepository");
        this.users = Objects.requireNonNull(users, "users");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Optional<SignedIn> signIn(String personalToken) {
        Optional<Principal> principal = tokens.authenticate(personalToken);
        return principal.map(this::open);
    }

    /**
     * Opens a session for a caller already authenticated another way (GitHub sign-in): the session stands for the
     * caller's personal token and ends, like any other, when that token is revoked or its user disabled.
     */
    public SignedIn open(Principal principal) {
        Objects.requireNonNull(principal, "principal");
        Instant now = clock.instant();
        String secret = "cws_" + random.secret();
        BrowserSession session = BrowserSession.started(TokenHash.of(secret), principal.user(), principal.token(), now);
        forget(now, principal);
        sessions.put(session.id(), session);
        return new SignedIn(secret, BrowserSession.csrfFor(secret), principal, session.expiresAt());
    }

    @Override
    public Optional<Principal> authenticate(String secret) {
        if (secret == null || !secret.startsWith("cws_") || secret.length() > 200) {
            return Optional.empty();
        }
        TokenHash id = TokenHash.of(secret);
        BrowserSession session = sessions.get(id);
        Instant now = clock.instant();
        if (session == null || !session.liveAt(now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        Optional<AccessToken> token = tokenRepository.find(session.token()).filter(t -> !t.isRevoked());
        Optional<User> user = users.find(session.user()).filter(u -> !u.disabled());
        if (token.isEmpty() || user.isEmpty()) {
            sessions.remove(id);
            return Optional.empty();
        }
        if (!session.lastSeenAt().plus(TOUCH).isAfter(now)) {
            sessions.put(id, session.seenAt(now));
        }
        return Optional.of(new Principal(user.get().id(), user.get().role(), session.token()));
    }

    @Override
    public void signOut(String secret) {
        if (secret != null && secret.startsWith("cws_") && secret.length() <= 200) {
            sessions.remove(TokenHash.of(secret));
        }
    }

    /** Drops ended sessions, then the oldest of this user's beyond the cap, then the oldest of all beyond it. */
    private void forget(Instant now, Principal principal) {
        sessions.values().removeIf(s -> !s.liveAt(now));
        var mine = sessions.values().stream().filter(s -> s.user().equals(principal.user()))
                .sorted(Comparator.comparing(BrowserSession::createdAt)).toList();
        mine.stream().limit(Math.max(0, mine.size() - MAX_PER_USER + 1L)).forEach(s -> sessions.remove(s.id()));
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().stream().sorted(Comparator.comparing(BrowserSession::lastSeenAt))
                    .limit(sessions.size() - MAX_SESSIONS + 1L).toList().forEach(s -> sessions.remove(s.id()));
        }
    }
}
