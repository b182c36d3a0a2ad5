package live.catwalk.core.health.port.in;

import live.catwalk.core.health.domain.HealthReport;

/** Reports whether Catwalk and each of its components can serve requests. Never throws; thread-safe. */
@FunctionalInterface
public interface CheckHealth {

    HealthReport check();
}
