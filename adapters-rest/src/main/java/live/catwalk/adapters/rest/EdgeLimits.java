package live.catwalk.adapters.rest;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import live.catwalk.core.account.domain.TokenKind;
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.limit.RateLimit;
import live.catwalk.core.shared.limit.RateWindows;

/**
 * The {@link RateLimits} at work, shared by every route that authenticates: each asks before checking a credential
 * ({@link #authentication}) and reports a credential that failed ({@link #failed}); a client address or a token prefix
 * over its limit is refused, valid credential or not, until its window ends. A prefix is the visible part of a
 * credential Catwalk issued ({@code cwk_}, {@code cwd_}, {@code cwa_}, … and 8 characters), never more: a credential
 * is never kept, logged or echoed. Bounded memory ({@link RateWindows}). Thread-safe.
 */
public final class EdgeLimits {

    private static final System.Logger LOG = System.getLogger(EdgeLimits.class.getName());
    private static final EdgeLimits NONE = new EdgeLimits(RateLimits.none(), Clock.systemUTC(), code -> { });

    /** A refusal, answered 429 with {@code Retry-After}: a stable code and a message naming the limit and the wait. */
    public record Refusal(String code, String message, long retryAfterSeconds) {

        /** As a {@link CatwalkException} (LIMIT_EXCEEDED), for the routes whose errors are problem JSON. */
        public CatwalkException exception() {
            return CatwalkException.of(CatwalkException.Kind.LIMIT_EXCEEDED, message).withCode(code)
                    .withRetryAfter(Duration.ofSeconds(retryAfterSeconds))
                    .withHint("Wait " + retryAfterSeconds + " s (Retry-After) before trying again.");
        }
    }

    private final Optional<RateWindows> failuresByAddress;
    private final Optional<RateWindows> failuresByPrefix;
    private final Optional<RateWindows> requestsByToken;
    private final Optional<RateWindows> registrationsByAddress;

    private final Consumer<String> refused;

    /** {@code refused} is told the code of every refusal (for the rate-limited metric). */
    EdgeLimits(RateLimits limits, Clock clock, Consumer<String> refused) {
        Objects.requireNonNull(clock, "clock");
        this.refused = Objects.requireNonNull(refused, "refused");
        this.failuresByAddress = limits.failedAuthPerAddress().map(l -> new RateWindows(l, RateWindows.DEFAULT_KEYS, clock));
        this.failuresByPrefix = limits.failedAuthPerPrefix().map(l -> new RateWindows(l, RateWindows.DEFAULT_KEYS, clock));
        this.requestsByToken = limits.requestsPerToken().map(l -> new RateWindows(l, RateWindows.DEFAULT_KEYS, clock));
        this.registrationsByAddress = limits.registrationsPerAddress()
                .map(l -> new RateWindows(l, RateWindows.DEFAULT_KEYS, clock));
    }

    /** Nothing limited. */
    public static EdgeLimits none() {
        return NONE;
    }

    /** The refusal for a request from {@code address} presenting {@code credential}, if either failed too often. */
    public Optional<Refusal> authentication(String address, Optional<String> credential) {
        Optional<Refusal> byAddress = failuresByAddress.flatMap(w -> w.exhausted(address).map(wait -> refusal(
                "authentication_rate_limited", "This address has failed to authenticate too often",
                w.limit().describe("failed authentications"), wait)));
        if (byAddress.isPresent()) {
            return byAddress.map(this::counted);
        }
        // The hot path: no prefix failed within its window, so the credential need not even be parsed.
        Optional<String> prefix = failuresByPrefix.filter(w -> !w.idle()).flatMap(w -> credential)
                .flatMap(EdgeLimits::visiblePrefix);
        return failuresByPrefix.flatMap(w -> prefix.flatMap(p -> w.exhausted(p).map(wait -> refusal(
                "authentication_rate_limited", "Credentials beginning " + p + " have failed to authenticate too often",
                w.limit().describe("failed authentications"), wait)))).map(this::counted);
    }

    /** Counts a failed authentication of {@code address}, and of {@code credential}'s prefix when it has one. */
    public void failed(String address, Optional<String> credential) {
        failuresByAddress.ifPresent(w -> reached(w, address, "address " + address));
        credential.flatMap(EdgeLimits::visiblePrefix).ifPresent(p -> failuresByPrefix.ifPresent(w ->
                reached(w, p, "credentials beginning " + p)));
    }

    /**
     * Counts a request made with {@code token} (already authenticated) against its budget, or refuses it when the
     * budget is spent. Tokens without a visible prefix (the deployments file's) have none.
     */
    public Optional<Refusal> request(String token) {
        return requestsByToken.flatMap(w -> visiblePrefix(token).flatMap(p -> w.tryAcquire(p)
                .map(wait -> budgetSpent(w, wait)))).map(this::counted);
    }

    /** The refusal for a request with {@code token} when its budget is spent; counts nothing (see {@link #spent}). */
    public Optional<Refusal> budget(String token) {
        return requestsByToken.flatMap(w -> visiblePrefix(token).flatMap(p -> w.exhausted(p)
                .map(wait -> budgetSpent(w, wait)))).map(this::counted);
    }

    /** Counts a request that {@code token} was admitted for, once it is known to have been. */
    public void spent(String token) {
        requestsByToken.ifPresent(w -> visiblePrefix(token).ifPresent(w::record));
    }

    /** Counts a dynamic client registration from {@code address}, or refuses it when the address has made too many. */
    public Optional<Refusal> registration(String address) {
        return registrationsByAddress.flatMap(w -> w.tryAcquire(address).map(wait -> refusal(
                "registration_rate_limited", "This address has registered too many clients",
                w.limit().describe("registrations"), wait))).map(this::counted);
    }

    private Refusal counted(Refusal refusal) {
        refused.accept(refusal.code());
        return refusal;
    }

    private static Refusal budgetSpent(RateWindows w, Duration wait) {
        return refusal("token_rate_limited", "This token has used up its request budget",
                w.limit().describe("requests"), wait);
    }

    private static Refusal refusal(String code, String what, String limit, Duration wait) {
        long seconds = RateLimit.seconds(wait);
        return new Refusal(code, "Too Many Requests: " + what + " (at most " + limit + "); retry in " + seconds
                + " s.", seconds);
    }

    private static void reached(RateWindows w, String key, String who) {
        if (w.record(key) == w.limit().count()) {
            LOG.log(System.Logger.Level.INFO, () -> who + " reached " + w.limit().describe("failed authentications")
                    + "; refused until its window ends");
        }
    }

    /** The visible prefix of a credential Catwalk issued: its marker and 8 random characters; empty for others. */
    static Optional<String> visiblePrefix(String credential) {
        return TokenKind.visiblePrefix(credential).or(() -> OAuthSecret.of(credential)
                .map(kind -> credential.substring(0, kind.marker().length() + TokenKind.VISIBLE_RANDOM)));
    }
}
