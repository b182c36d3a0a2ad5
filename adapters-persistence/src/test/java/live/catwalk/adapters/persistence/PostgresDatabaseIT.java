package live.catwalk.adapters.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresDatabaseIT extends DatabaseBehaviour {

    @RegisterExtension
    static final PostgresSchemas SCHEMAS = new PostgresSchemas();

    @Override
    protected DatabaseUrl freshDatabase() {
        return SCHEMAS.fresh();
    }

    @Override
    protected void execute(DatabaseUrl url, String sql) throws Exception {
        SCHEMAS.execute(url, sql);
    }

    @Override
    protected String vendor() {
        return "postgresql";
    }
}
