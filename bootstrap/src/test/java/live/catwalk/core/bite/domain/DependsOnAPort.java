package live.catwalk.core.bite.domain;

import live.catwalk.core.health.port.in.CheckHealth;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public class DependsOnAPort {
    Object check(CheckHealth health) {
        return health.check();
    }
}
