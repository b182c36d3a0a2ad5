package live.catwalk.bootstrap.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import live.catwalk.adapters.persistence.vault.TinkVault;
import live.catwalk.bootstrap.testing.LocalPostgres;

/**
 * The soak's database: a fresh schema of the local PostgreSQL when it is reachable (under {@code CI=true} it must be;
 * {@code -Dcatwalk.soak.database=h2} declines it), Catwalk's connections named by an application name of their own so
 * that they alone can be dropped; else Catwalk's embedded H2, whose one in-process connection cannot be.
 */
public final class SoakDatabase implements AutoCloseable {

    private final String schema;
    private final String application;

    private SoakDatabase(String schema, String application) {
        this.schema = schema;
        this.application = application;
    }

    /** PostgreSQL if it can be had, else H2. */
    public static SoakDatabase choose() {
        if ("h2".equals(System.getProperty("catwalk.soak.database")) || !reachable()) {
            return new SoakDatabase(null, null);
        }
        return new SoakDatabase(LocalPostgres.freshSchema(),
                "catwalk-soak-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
    }

    public boolean postgres() {
        return schema != null;
    }

    /** Catwalk's variables for it (none for H2); a PostgreSQL keyset file is written into {@code dir}. */
    public Map<String, String> environment(Path dir) throws Exception {
        if (schema == null) {
            return Map.of();
        }
        Path keyset = dir.resolve("keyset.json");
        Files.writeString(keyset, TinkVault.generateKeysetJson());
        Files.setPosixFilePermissions(keyset, PosixFilePermissions.fromString("rw-------"));
        return Map.of("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/test?currentSchema=" + schema
                + "&ApplicationName=" + application, "CATWALK_KEYSET_FILE", keyset.toString());
    }

    /** Drops every connection Catwalk holds (found by its application name) and answers how many; PostgreSQL only. */
    public Optional<Callable<Integer>> dropConnections() {
        if (schema == null) {
            return Optional.empty();
        }
        return Optional.of(() -> {
            try (Connection c = DriverManager.getConnection(LocalPostgres.JDBC, "postgres", "");
                 PreparedStatement s = c.prepareStatement("select pg_terminate_backend(pid) from pg_stat_activity "
                         + "where application_name = ? and pid <> pg_backend_pid()")) {
                s.setString(1, application);
                int dropped = 0;
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        dropped += r.getBoolean(1) ? 1 : 0;
                    }
                }
                return dropped;
            }
        });
    }

    @Override
    public void close() throws SQLException {
        if (schema != null) {
            LocalPostgres.drop(schema);
        }
    }

    private static boolean reachable() {
        try (Connection c = DriverManager.getConnection(LocalPostgres.JDBC, "postgres", "")) {
            return c.isValid(5);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 is not reachable under CI=true", e);
            }
            return false;
        }
    }
}
