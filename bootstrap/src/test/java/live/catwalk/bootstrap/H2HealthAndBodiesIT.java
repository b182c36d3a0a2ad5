package live.catwalk.bootstrap;

import java.nio.file.Path;
import java.util.Map;

/** Health and bodies through the real jar on the embedded default: H2 and a generated keyset. */
class H2HealthAndBodiesIT extends HealthAndBodiesJourney {

    @Override
    protected Map<String, String> storage(Path home) {
        return Map.of();
    }
}
