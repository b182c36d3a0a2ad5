package live.catwalk.bootstrap;

import java.nio.file.Path;
import java.util.Map;

/** The kill cycle on the embedded default: H2 under CATWALK_HOME. */
class H2KillCycleIT extends KillCycle {

    @Override
    protected Map<String, String> storage(Path home) {
        return Map.of();
    }
}
