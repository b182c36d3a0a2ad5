package live.catwalk.core.bite.domain;

import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.port.out.HealthProbe;

// A planted violation for ArchitectureBiteTest. Never imported as production code.
public final class ImplementsAnOutPort implements HealthProbe {
    @Override
    public String name() {
        return "planted";
    }

    @Override
    public ComponentHealth probe() {
        return ComponentHealth.ok("");
    }
}
