package live.catwalk.adapters.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;

/** The bounded connection pool; failing to connect is reported by where, never with the password. */
final class Pool {

    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** {@code org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1}. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    private static final String H2_FILE = "jdbc:h2:file:";

    private Pool() {
    }

    static HikariDataSource open(DatabaseUrl url, int maxPoolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("catwalk");
        config.setJdbcUrl(url.jdbcUrl());
        url.user().ifPresent(config::setUsername);
        url.password().ifPresent(config::setPassword);
        // H2 writes a commit through to its file only when no other commit is being stored at that moment
        // (MVStore skips a store it cannot lock); with commits from several connections, the last ones of a
        // burst stayed in memory and were lost on kill -9. One connection serialises them (KillCycleIT).
        int size = url.isPostgres() ? maxPoolSize : 1;
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        if (url.isPostgres()) {
            config.addDataSourceProperty("ApplicationName", "catwalk");
            // Keeps the server's "Detail: Key (hash)=(…)" lines, which quote row values, out of exceptions.
            config.addDataSourceProperty("logServerErrorDetail", "false");
        }
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            if (!url.isPostgres() && heldElsewhere(e)) {
                String where = url.location();
                throw new DatabaseInUse(where.startsWith(H2_FILE) ? where.substring(H2_FILE.length()) + ".mv.db" : where, e);
            }
            throw new IllegalStateException("Cannot connect to the database at " + url.location() + ": "
                    + reason(e, url) + ". Check that the database is running and reachable from here, and that "
                    + "DATABASE_URL names the right host, port, database, user and password.", scrubbed(e, url));
        }
    }

    /** H2's "database may be already in use" (error 90020): another process holds the file's lock. */
    private static boolean heldElsewhere(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e, DatabaseUrl url) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return url.password().map(p -> message.replace(p, "***")).orElse(message);
    }

    /** The cause itself, unless its text somehow holds the password. */
    private static Throwable scrubbed(Throwable e, DatabaseUrl url) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (url.password().filter(message::contains).isPresent()) {
                return null;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return e;
    }
}
