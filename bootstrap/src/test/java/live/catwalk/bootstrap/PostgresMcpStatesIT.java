package live.catwalk.bootstrap;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** The MCP states journey on the local PostgreSQL (a fresh schema per test) with a keyset file. */
class PostgresMcpStatesIT extends McpStatesJourney {

    private static final PostgresCatwalk POSTGRES = new PostgresCatwalk();

    @AfterAll
    static void dropSchemas() throws Exception {
        POSTGRES.dropSchemas();
    }

    @Override
    protected Map<String, String> storage(Path home) throws Exception {
        return POSTGRES.environment(temp);
    }
}
