package live.catwalk.adapters.persistence;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Objects;
import live.catwalk.core.account.port.out.AuditLog;
import live.catwalk.core.account.port.out.GitHubIdentities;
import live.catwalk.core.account.port.out.SettingsRepository;
import live.catwalk.core.account.port.out.TokenRepository;
import live.catwalk.core.account.port.out.UserRepository;
import live.catwalk.core.analysis.port.out.AnalysisCache;
import live.catwalk.core.credential.port.out.CredentialRepository;
import live.catwalk.core.credential.port.out.SealedSecrets;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.deployment.port.out.EventLog;
import live.catwalk.core.health.port.out.HealthProbe;
import live.catwalk.core.oauth.port.out.OAuthStore;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

/**
 * Catwalk's database, PostgreSQL or embedded H2: a bounded connection pool, the schema migrated on
 * {@link #open}, and the repositories over it. Thread-safe; {@link #close()} closes the pool.
 */
public final class Database implements AutoCloseable {

    static {
        // jOOQ prints a banner and "tips" on first use unless told not to.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
    }

    private final HikariDataSource pool;
    private final DSLContext dsl;
    private final String vendor;
    private final String schemaVersion;

    private Database(HikariDataSource pool, String vendor, String schemaVersion) {
        this.pool = pool;
        this.vendor = vendor;
        this.schemaVersion = schemaVersion;
        // Execute logging would print bind values (ciphertexts, token hashes) at debug level.
        Settings settings = new Settings().withExecuteLogging(false).withRenderSchema(false);
        this.dsl = DSL.using(new DefaultConfiguration().set(pool).set(settings)
                .set(vendor.equals("postgresql") ? SQLDialect.POSTGRES : SQLDialect.H2)
                .set(ExecuteListener.onException(this::connectionLost)));
    }

    /**
     * A statement found its connection lost: the database most likely ended them all (a restart, a failover), and
     * the pool would hand out the others it used within the last half second without checking them. So the pool
     * replaces every connection (those in use when they come back), and a retried read gets a fresh one.
     */
    private void connectionLost(ExecuteContext context) {
        SQLException cause = context.sqlException();
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (cause != null && Failures.connectionLost(cause.getSQLState()) && bean != null) {
            bean.softEvictConnections();
        }
    }

    /**
     * Connects with at most {@code maxPoolSize} connections and migrates the schema. Throws
     * {@link IllegalStateException} (naming where, never the password) when the database cannot be reached,
     * a migration fails, or a newer Catwalk already migrated it; {@link DatabaseInUse} when another process
     * holds the embedded database.
     */
    public static Database open(DatabaseUrl url, int maxPoolSize) {
        Objects.requireNonNull(url, "url");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("a connection pool has at least one connection");
        }
        HikariDataSource pool = Pool.open(url, maxPoolSize);
        try {
            String vendor = vendorOf(pool, url);
            String version = Migrations.migrate(url, vendor);
            return new Database(pool, vendor, version);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static String vendorOf(HikariDataSource pool, DatabaseUrl url) {
        try (Connection connection = pool.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("postgres")) {
                return "postgresql";
            }
            if (product.contains("h2")) {
                return "h2";
            }
            throw new IllegalStateException("The database at " + url.location() + " is " + product
                    + "; Catwalk runs on PostgreSQL or its embedded H2.");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read what database runs at " + url.location()
                    + " (SQL state " + e.getSQLState() + ").", e);
        }
    }

    public UserRepository users() {
        return new JooqUserRepository(dsl);
    }

    public TokenRepository tokens() {
        return new JooqTokenRepository(dsl);
    }

    public SettingsRepository settings() {
        return new JooqSettingsRepository(dsl);
    }

    public AuditLog auditLog() {
        return new JooqAuditLog(dsl);
    }

    public DeploymentRepository deployments() {
        return new JooqDeploymentRepository(dsl);
    }

    public EventLog events() {
        return new JooqEventLog(dsl);
    }

    public CredentialRepository credentials() {
        return new JooqCredentialRepository(dsl);
    }

    public SealedSecrets sealedSecrets() {
        return new JooqSealedSecrets(dsl);
    }

    public AnalysisCache analysisCache() {
        return new JooqAnalysisCache(dsl);
    }

    public OAuthStore oauth() {
        return new JooqOAuthStore(dsl);
    }

    public GitHubIdentities githubIdentities() {
        return new JooqGitHubIdentities(dsl);
    }

    /** A probe named {@code database} that runs {@code select 1}. */
    public HealthProbe healthProbe() {
        return new DatabaseHealthProbe(dsl, vendor, schemaVersion);
    }

    /** {@code postgresql} or {@code h2}. */
    public String vendor() {
        return vendor;
    }

    /** The schema version applied when this database was opened, e.g. {@code 5}. */
    public String schemaVersion() {
        return schemaVersion;
    }

    /**
     * How the connection pool is used now: connections in use, idle, threads waiting for one, and the most it opens.
     * All zero once closed.
     */
    public record PoolUse(int active, int idle, int waiting, int max) {
    }

    /** The pool's {@link PoolUse} at this moment, for the operators' metrics. */
    public PoolUse poolUse() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null || pool.isClosed()) {
            return new PoolUse(0, 0, 0, 0);
        }
        return new PoolUse(bean.getActiveConnections(), bean.getIdleConnections(), bean.getThreadsAwaitingConnection(),
                pool.getMaximumPoolSize());
    }

    /** For this package's tests: the jOOQ context over the pool. */
    DSLContext dsl() {
        return dsl;
    }

    @Override
    public void close() {
        pool.close();
    }
}
