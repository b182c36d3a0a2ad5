package live.catwalk.adapters.persistence;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresVaultOnDatabaseIT extends VaultOnDatabaseBehaviour {

    @RegisterExtension
    static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    @Override
    protected DatabaseUrl freshDatabase() {
        return SCHEMAS.fresh();
    }

    @Override
    protected Connection raw(DatabaseUrl url) throws SQLException {
        return DriverManager.getConnection(url.jdbcUrl(), url.user().orElse("postgres"), url.password().orElse(""));
    }
}
