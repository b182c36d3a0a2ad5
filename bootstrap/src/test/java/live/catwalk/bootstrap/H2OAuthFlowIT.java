package live.catwalk.bootstrap;

import java.nio.file.Path;
import java.util.Map;

/** The OAuth flow on the embedded H2 database, Catwalk's default. */
class H2OAuthFlowIT extends OAuthFlowJourney {

    @Override
    protected Map<String, String> storage(Path dir) {
        return Map.of();
    }
}
