package live.catwalk.core.account.usecase;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import live.catwalk.core.account.domain.AccessToken;
import live.catwalk.core.account.domain.AuditAction;
import live.catwalk.core.account.domain.AuditEntry;
import live.catwalk.core.account.domain.GitHubIdentity;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.Role;
import live.catwalk.core.account.domain.SignUpPolicy;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.port.in.SignInWithGitHub;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.GitHubAccounts;
import live.catwalk.core.account.port.out.GitHubIdentities;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.account.port.out.UserRepository;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.shared.port.out.Randomness;

/**
 * GitHub sign-in. A browser session needs a personal token to stand for, so a user who signs in with GitHub gets one
 * named {@value #TOKEN_NAME} (its secret is never shown): revoking it signs out every browser that came through
 * GitHub, and the next GitHub sign-in issues a new one. A new user is named after the GitHub login (with a number
 * added when the name is taken) and gets the USER role.
 */
public final class GitHubSignInService implements SignInWithGitHub {

    /** The name of the personal token GitHub sessions stand for. */
    public static final String TOKEN_NAME = "GitHub sign-in";
    /** The longest {@code after} a sign-in carries. */
    static final int MAX_AFTER = 8192;
    private static final int MAX_STATE = 200;
    private static final int MAX_CODE = 512;

    private final GitHubAccounts github;
    private final GitHubIdentities identities;
    private final UserRepository users;
    private final TokenRepository tokens;
    private final AuditLog audit;
    private final BrowserSessionsService sessions;
    private final PersonalTokens personal;
    private final SignUpPolicy policy;
    private final Supplier<URI> callback;
    private final Randomness randomness;
    private final Clock clock;
    private final PendingSignIns pending = new PendingSignIns();

    /** {@code callback} gives the absolute URL GitHub sends browsers back to (read at each use). */
    public GitHubSignInService(GitHubAccounts github, GitHubIdentities identities, UserRepository users,
                               TokenRepository tokens, AuditLog audit, BrowserSessionsService sessions,
                               SignUpPolicy policy, Supplier<URI> callback, Randomness randomness, Clock clock) {
        this.github = Objects.requireNonNull(github, "github");
        this.identities = Objects.requireNonNull(identities, "identities");
        this.users = Objects.requireNonNull(users, "users");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.callback = Objects.requireNonNull(callback, "callback");
        this.randomness = Objects.requireNonNull(randomness, "randomness");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.personal = new PersonalTokens(tokens, audit, randomness, clock);
    }

    @Override
    public boolean enabled() {
        return github.configured();
    }

    @Override
    public URI site() {
        return github.site();
    }

    @Override
    public Started start(Optional<Principal> linking, String after) {
        Objects.requireNonNull(linking, "linking");
        Objects.requireNonNull(after, "after");
        if (!enabled()) {
            throw CatwalkException.of(CatwalkException.Kind.NOT_FOUND, "Sign-in with GitHub is not set up here.")
                    .withHint("An admin sets CATWALK_GITHUB_CLIENT_ID and CATWALK_GITHUB_CLIENT_SECRET.");
        }
        if (after.length() > MAX_AFTER) {
            throw CatwalkException.invalidInput("next", "is longer than " + MAX_AFTER + " characters",
                    "start again from the page you were on");
        }
        String state = randomness.secret();
        pending.put(state, new PendingSignIns.Pending(linking.map(Principal::user), after, clock.instant()));
        return new Started(github.authorizationUrl(state, callback.get(), policy.needsOrganisations()), state);
    }

    @Override
    public Finished finish(String state, String browserState, String code) {
        if (state == null || browserState == null || state.length() > MAX_STATE
                || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                browserState.getBytes(StandardCharsets.UTF_8))) {
            throw expired("GitHub's answer does not belong to a sign-in this browser started.");
        }
        Instant now = clock.instant();
        PendingSignIns.Pending started = pending.take(state, now)
                .orElseThrow(() -> expired("This sign-in has expired or was finished already."));
        if (code == null || code.isBlank() || code.length() > MAX_CODE) {
            throw expired("GitHub sent no usable code back.");
        }
        GitHubAccounts.SignedIn account = github.signedIn(code, callback.get(), policy.needsOrganisations());
        GitHubIdentity identity = account.identity();
        boolean created = false;
        User user;
        if (started.linking().isPresent()) {
            user = linked(started.linking().get(), identity, now);
        } else {
            Optional<UserId> known = identities.userOf(identity.id());
            if (known.isPresent()) {
                user = users.find(known.get()).orElseThrow(() -> refused(identity));
                identities.signedIn(identity, now);
            } else if (policy.admits(identity, account.organisations())) {
                user = signedUp(identity, now);
                created = true;
            } else {
                throw refused(identity);
            }
        }
        if (user.disabled()) {
            throw CatwalkException.of(CatwalkException.Kind.FORBIDDEN, "This Catwalk account is disabled.")
                    .withHint("Ask an admin to enable it.");
        }
        AccessToken token = tokens.listByOwner(user.id()).stream()
                .filter(t -> t.deployment().isEmpty() && !t.isRevoked() && TOKEN_NAME.equals(t.name())).findFirst()
                .orElseGet(() -> personal.issue(user.id(), TOKEN_NAME).token());
        return new Finished(sessions.open(new Principal(user.id(), user.role(), token.id())), started.after(), created);
    }

    /** Links the account to the user who started signed in, unless either is linked elsewhere. */
    private User linked(UserId who, GitHubIdentity identity, Instant now) {
        User user = users.find(who).orElseThrow(() -> expired("The account this sign-in started from is gone."));
        Optional<UserId> holder = identities.userOf(identity.id());
        if (holder.isPresent() && !holder.get().equals(who)) {
            throw CatwalkException.of(CatwalkException.Kind.CONFLICT, "The GitHub account @" + identity.login()
                    + " is linked to another Catwalk user.").withHint("Sign in with GitHub to use that account.");
        }
        if (holder.isEmpty()) {
            Optional<GitHubIdentity> mine = identities.of(who);
            if (mine.isPresent()) {
                throw CatwalkException.of(CatwalkException.Kind.CONFLICT, "Your Catwalk account is linked to the "
                        + "GitHub account @" + mine.get().login() + " already.")
                        .withHint("Sign in to GitHub as @" + mine.get().login() + " and try again.");
            }
            identities.link(who, identity, now);
        }
        identities.signedIn(identity, now);
        return user;
    }

    private User signedUp(GitHubIdentity identity, Instant now) {
        User user = new User(new UserId(randomness.uuid()), freeName(identity), Role.USER, now);
        users.insert(user);
        identities.link(user.id(), identity, now);
        identities.signedIn(identity, now);
        audit.record(new AuditEntry(now, AuditAction.USER_CREATED, Optional.of(user.id()),
                Optional.of("user " + user.id()), "signed up with GitHub as " + user.name() + " (GitHub @"
                + identity.login() + ", id " + identity.id() + ")"));
        return user;
    }

    /** The GitHub login in lower case, or with -2, -3, … added while taken; gh-{id} when all of those are. */
    private String freeName(GitHubIdentity identity) {
        String base = identity.login().toLowerCase(Locale.ROOT);
        base = base.length() > 60 ? base.substring(0, 60) : base;
        for (int i = 1; i <= 20; i++) {
            String name = i == 1 ? base : base + "-" + i;
            if (users.findByName(name).isEmpty()) {
                return name;
            }
        }
        return "gh-" + identity.id();
    }

    private CatwalkException refused(GitHubIdentity identity) {
        String hint = switch (policy.mode()) {
            case CLOSED -> "Sign-up is closed here: ask an admin for an account, sign in with its token, and link "
                    + "GitHub in Settings.";
            case INVITE, GITHUB -> "Ask an admin to add your GitHub login or organisation to CATWALK_SIGNUP_ALLOW.";
        };
        return CatwalkException.of(CatwalkException.Kind.FORBIDDEN, "The GitHub account @" + identity.login()
                + " has no Catwalk account, and may not sign up here.").withHint(hint);
    }

    private static CatwalkException expired(String message) {
        return CatwalkException.of(CatwalkException.Kind.UNAUTHORIZED, message)
                .withHint("Start again from Catwalk's sign-in page.");
    }
}
