package live.catwalk.bootstrap.wiring;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.function.Supplier;
import live.catwalk.adapters.llm.github.GitHubOAuthApp;
import live.catwalk.adapters.persistence.Database;
import live.catwalk.adapters.rest.oauth.NoGitHubSignIn;
import live.catwalk.bootstrap.config.CatwalkConfig;
import live.catwalk.bootstrap.config.SignInSettings;
import live.catwalk.core.account.domain.SignUpPolicy;
import live.catwalk.core.account.port.in.SignInWithGitHub;
import live.catwalk.core.account.usecase.GitHubSignInService;

/** Sign-in with GitHub, when Catwalk has a GitHub OAuth app; GitHub's callback is {@code <base>auth/github/callback}. */
final class GitHubWiring {

    private static final System.Logger LOG = System.getLogger(GitHubWiring.class.getName());

    private GitHubWiring() {
    }

    static SignInWithGitHub signIn(CatwalkConfig config, HttpClient http, Database database,
                                   ControlPlaneWiring.Wired plane, Supplier<URI> base, Clock clock) {
        SignInSettings settings = config.signIn();
        if (settings.clientId().isEmpty() || settings.clientSecret().isEmpty()) {
            return new NoGitHubSignIn();
        }
        SignUpPolicy policy = settings.policy();
        LOG.log(System.Logger.Level.INFO, "sign-in with GitHub is on; sign-up: " + policy.mode().name()
                .toLowerCase(java.util.Locale.ROOT) + ", " + policy.allowed().size() + " name(s) on the allow-list");
        if (policy.mode() == SignUpPolicy.Mode.INVITE && policy.allowed().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "CATWALK_SIGNUP is invite and CATWALK_SIGNUP_ALLOW is empty: only "
                    + "users who linked GitHub in Settings can sign in with it");
        }
        var app = new GitHubOAuthApp(http, settings.github(), config.analysis().githubApi(), settings.clientId().get(),
                settings.clientSecret().get(), GitHubOAuthApp.TIMEOUT);
        return new GitHubSignInService(app, database.githubIdentities(), database.users(), plane.tokens(),
                database.auditLog(), plane.sessions(), policy, () -> base.get().resolve("auth/github/callback"),
                new SecureRandomness(), clock);
    }
}
