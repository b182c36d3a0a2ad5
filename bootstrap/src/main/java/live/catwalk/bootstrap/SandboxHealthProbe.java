package live.catwalk.bootstrap;

import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.port.out.HealthProbe;

/** Reports where servers run: in bubblewrap (its version), or, when off, as Catwalk's own user. */
final class SandboxHealthProbe implements HealthProbe {

    private final String detail;

    SandboxHealthProbe(Sandboxes.Choice choice) {
        this.detail = choice.detail();
    }

    @Override
    public String name() {
        return "sandbox";
    }

    /** Always ok: an instance run without a sandbox on purpose is not down. */
    @Override
    public ComponentHealth probe() {
        return ComponentHealth.ok(detail);
    }
}
