package live.catwalk.bootstrap;

import java.nio.file.Path;
import java.util.Map;

/** The control-plane journey on the embedded default: H2 and a generated keyset under CATWALK_HOME. */
class H2ControlPlaneIT extends ControlPlaneJourney {

    @Override
    protected Map<String, String> storage(Path home) {
        return Map.of();
    }
}
