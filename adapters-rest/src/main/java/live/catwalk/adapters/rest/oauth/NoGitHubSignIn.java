package live.catwalk.adapters.rest.oauth;

import java.net.URI;
import java.util.Optional;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.in.SignInWithGitHub;
import live.catwalk.core.shared.CatwalkException;

/** GitHub sign-in where Catwalk has no GitHub OAuth app: never enabled; starting is NOT_FOUND, finishing UNAUTHORIZED. */
public final class NoGitHubSignIn implements SignInWithGitHub {

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public URI site() {
        return URI.create("https://github.com/");
    }

    @Override
    public Started start(Optional<Principal> linking, String after) {
        throw CatwalkException.of(CatwalkException.Kind.NOT_FOUND, "Sign-in with GitHub is not set up here.")
                .withHint("An admin sets CATWALK_GITHUB_CLIENT_ID and CATWALK_GITHUB_CLIENT_SECRET.");
    }

    @Override
    public Finished finish(String state, String browserState, String code) {
        throw CatwalkException.of(CatwalkException.Kind.UNAUTHORIZED, "Sign-in with GitHub is not set up here.")
                .withHint("An admin sets CATWALK_GITHUB_CLIENT_ID and CATWALK_GITHUB_CLIENT_SECRET.");
    }
}
