package live.catwalk.bootstrap.wiring;

import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.port.out.HealthProbe;

/**
 * Reports the JVM's heap use for operators. Always ok: heap use swings with garbage collection, and a
 * health check that flaps on it would get a healthy server restarted.
 */
final class JvmHealthProbe implements HealthProbe {

    private static final long MIB = 1024 * 1024;

    @Override
    public String name() {
        return "jvm";
    }

    @Override
    public ComponentHealth probe() {
        Runtime runtime = Runtime.getRuntime();
        long used = runtime.totalMemory() - runtime.freeMemory();
        long max = runtime.maxMemory();
        String detail = "heap " + used / MIB + " of " + max / MIB + " MiB used";
        return ComponentHealth.ok(detail);
    }
}
