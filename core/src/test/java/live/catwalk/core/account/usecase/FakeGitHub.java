package live.catwalk.core.account.usecase;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import live.catwalk.core.account.domain.GitHubIdentity;
import live.catwalk.core.account.port.out.GitHubAccounts;
import live.catwalk.core.shared.CatwalkException;

/** GitHub as a test tells it to answer: each code stands for an account; every exchange is recorded. */
final class FakeGitHub implements GitHubAccounts {

    private final Map<String, SignedIn> codes = new HashMap<>();
    final List<String> exchanged = new ArrayList<>();
    final List<Boolean> askedForOrganisations = new ArrayList<>();
    boolean configured = true;

    /** A code that GitHub will answer with this account, a member of these organisations. */
    String code(long id, String login, String... organisations) {
        String code = "code-" + codes.size();
        codes.put(code, new SignedIn(new GitHubIdentity(id, login), Set.of(organisations)));
        return code;
    }

    @Override
    public boolean configured() {
        return configured;
    }

    @Override
    public URI site() {
        return URI.create("https://github.test/");
    }

    @Override
    public URI authorizationUrl(String state, URI redirectUri, boolean organisations) {
        return URI.create("https://github.test/login/oauth/authorize?state=" + state + "&redirect_uri="
                + URLEncoder.encode(redirectUri.toString(), StandardCharsets.UTF_8) + "&orgs=" + organisations);
    }

    @Override
    public SignedIn signedIn(String code, URI redirectUri, boolean organisations) {
        exchanged.add(code);
        askedForOrganisations.add(organisations);
        SignedIn account = codes.remove(code);
        if (account == null) {
            throw CatwalkException.of(CatwalkException.Kind.UNAUTHORIZED, "GitHub refused the code.");
        }
        return organisations ? account : new SignedIn(account.identity(), Set.of());
    }
}
