package live.catwalk.core.health.port.out;

import live.catwalk.core.health.domain.ComponentHealth;

/**
 * Checks one component (the database, the runtime, …) quickly and without side effects. May throw;
 * the caller reports a throwing probe as down. Implementations must be thread-safe.
 */
public interface HealthProbe {

    /** A short, stable component name such as {@code database}. */
    String name();

    ComponentHealth probe();
}
