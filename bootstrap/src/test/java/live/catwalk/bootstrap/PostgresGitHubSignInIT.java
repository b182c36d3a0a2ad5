package live.catwalk.bootstrap;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** GitHub sign-in on the local PostgreSQL (a fresh schema) with a keyset file. */
class PostgresGitHubSignInIT extends GitHubSignInJourney {

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
