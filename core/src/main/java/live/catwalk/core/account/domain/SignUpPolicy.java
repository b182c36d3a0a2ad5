package live.catwalk.core.account.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may get a Catwalk account by signing in with GitHub for the first time. {@link Mode#GITHUB}: any GitHub account,
 * or, when the allow-list is not empty, only those on it; {@link Mode#INVITE}: only those on the allow-list;
 * {@link Mode#CLOSED}: nobody (accounts already linked to GitHub still sign in). The allow-list holds GitHub logins
 * of people and of organisations (one namespace on GitHub), compared without regard to case; an account is on it when
 * its login is, or it is a member of one of the organisations.
 */
public record SignUpPolicy(Mode mode, Set<String> allowed) {

    /** How new accounts are let in. */
    public enum Mode {
        /** Anyone with a GitHub account (narrowed by the allow-list when it is not empty). */
        GITHUB,
        /** Only GitHub accounts on the allow-list. */
        INVITE,
        /** No new accounts. */
        CLOSED
    }

    public SignUpPolicy {
        Objects.requireNonNull(mode, "mode");
        allowed = lower(allowed);
    }

    /** The safe default: only those on an (empty) allow-list, i.e. nobody new until someone is invited. */
    public static SignUpPolicy inviteOnly() {
        return new SignUpPolicy(Mode.INVITE, Set.of());
    }

    /**
     * Whether deciding may need the account's organisations (any name on the allow-list may be an organisation):
     * GitHub is then asked for them, with the read:org scope.
     */
    public boolean needsOrganisations() {
        return mode != Mode.CLOSED && !allowed.isEmpty();
    }

    /** Whether this GitHub account, a member of {@code memberOf} (organisation logins), may get a new account. */
    public boolean admits(GitHubIdentity account, Set<String> memberOf) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(memberOf, "memberOf");
        return switch (mode) {
            case CLOSED -> false;
            case GITHUB -> allowed.isEmpty() || listed(account, memberOf);
            case INVITE -> listed(account, memberOf);
        };
    }

    private boolean listed(GitHubIdentity account, Set<String> memberOf) {
        return allowed.contains(account.login().toLowerCase(Locale.ROOT))
                || memberOf.stream().map(o -> o.toLowerCase(Locale.ROOT)).anyMatch(allowed::contains);
    }

    private static Set<String> lower(Set<String> names) {
        Objects.requireNonNull(names, "names");
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
