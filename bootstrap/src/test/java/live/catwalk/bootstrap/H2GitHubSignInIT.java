package live.catwalk.bootstrap;

import java.nio.file.Path;
import java.util.Map;

/** GitHub sign-in on the embedded H2 database, Catwalk's default. */
class H2GitHubSignInIT extends GitHubSignInJourney {

    @Override
    protected Map<String, String> storage(Path dir) {
        return Map.of();
    }
}
