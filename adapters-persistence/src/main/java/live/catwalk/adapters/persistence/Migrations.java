package live.catwalk.adapters.persistence;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway over {@code db/migration/common} and the vendor's folder (plain Flyway does not expand
 * {@code {vendor}}). Refuses a database a newer Catwalk migrated: Flyway would ignore its future
 * migrations and let this older code run on a schema it does not know.
 */
final class Migrations {

    private static final System.Logger LOG = System.getLogger(Migrations.class.getName());

    private Migrations() {
    }

    /** Migrates to the newest known version and returns the schema version now applied. */
    static String migrate(DatabaseUrl url, String vendor) {
        // Connections of its own: Flyway holds two at once, more than a pool of one could give.
        FluentConfiguration config = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(url.jdbcUrl(), url.user().orElse(null), url.password().orElse(null))
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor);
        url.currentSchema().ifPresent(schema -> config.schemas(schema).defaultSchema(schema));
        Flyway flyway = config.load();
        try {
            refuseNewer(flyway.info(), url);
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.log(System.Logger.Level.INFO, "migrated the " + vendor + " database from schema version "
                        + Optional.ofNullable(result.initialSchemaVersion).orElse("0") + " to "
                        + result.targetSchemaVersion + " (" + result.migrationsExecuted + " migrations)");
            }
            return Optional.ofNullable(flyway.info().current()).map(m -> m.getVersion().getVersion()).orElse("0");
        } catch (FlywayException e) {
            throw new IllegalStateException("Migrating the database at " + url.location() + " failed: "
                    + e.getMessage(), e);
        }
    }

    private static void refuseNewer(MigrationInfoService info, DatabaseUrl url) {
        Optional<MigrationVersion> future = Arrays.stream(info.all())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS
                        || m.getState() == MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder());
        if (future.isEmpty()) {
            return;
        }
        String known = Arrays.stream(info.all())
                .filter(m -> m.getState().isResolved() && m.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder())
                .map(MigrationVersion::getVersion)
                .orElse("0");
        throw new IllegalStateException("The database at " + url.location() + " was migrated by a newer Catwalk "
                + "(schema version " + future.get().getVersion() + "; this Catwalk knows up to " + known + "). "
                + "Upgrade Catwalk, or point DATABASE_URL at another database.");
    }
}
