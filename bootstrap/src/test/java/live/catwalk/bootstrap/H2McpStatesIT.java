package live.catwalk.bootstrap;

import java.nio.file.Path;
import java.util.Map;

/** The MCP states journey on the embedded default: H2 and a generated keyset under CATWALK_HOME. */
class H2McpStatesIT extends McpStatesJourney {

    @Override
    protected Map<String, String> storage(Path home) {
        return Map.of();
    }
}
