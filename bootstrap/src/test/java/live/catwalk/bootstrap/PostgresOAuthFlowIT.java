package live.catwalk.bootstrap;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The OAuth flow on the local PostgreSQL (a fresh schema) with a keyset file. */
class PostgresOAuthFlowIT extends OAuthFlowJourney {

    private static final PostgresCatwalk POSTGRES = new PostgresCatwalk();

    @AfterAll
    static void dropSchemas() throws Exception {
        POSTGRES.dropSchemas();
    }

    @Override
    protected Map<String, String> storage(Path dir) throws Exception {
        return POSTGRES.environment(dir);
    }
}
