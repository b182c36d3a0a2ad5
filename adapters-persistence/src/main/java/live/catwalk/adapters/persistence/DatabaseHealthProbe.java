package live.catwalk.adapters.persistence;

import live.catwalk.core.health.domain.ComponentHealth;
import live.catwalk.core.health.port.out.HealthProbe;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** {@code select 1} through the pool, with a short query timeout. */
final class DatabaseHealthProbe implements HealthProbe {

    private static final int QUERY_TIMEOUT_SECONDS = 2;

    private final DSLContext dsl;
    private final String vendor;
    private final String schemaVersion;

    DatabaseHealthProbe(DSLContext dsl, String vendor, String schemaVersion) {
        this.dsl = dsl;
        this.vendor = vendor;
        this.schemaVersion = schemaVersion;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public ComponentHealth probe() {
        try {
            dsl.selectOne().queryTimeout(QUERY_TIMEOUT_SECONDS).fetch();
            return ComponentHealth.ok(vendor + ", schema version " + schemaVersion);
        } catch (DataAccessException e) {
            return ComponentHealth.down(vendor + " did not answer (SQL state "
                    + (e.sqlState() == null ? "unknown" : e.sqlState()) + ")");
        }
    }
}
