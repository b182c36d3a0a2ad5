package live.catwalk.adapters.persistence;

import live.catwalk.core.store.AnalysisCacheContract;
import live.catwalk.core.store.AuditLogContract;
import live.catwalk.core.store.CredentialRepositoryContract;
import live.catwalk.core.store.DeploymentRepositoryContract;
import live.catwalk.core.store.EventLogContract;
import live.catwalk.core.store.SealedSecretsContract;
import live.catwalk.core.store.SettingsRepositoryContract;
import live.catwalk.core.store.Stores;
import live.catwalk.core.store.TokenRepositoryContract;
import live.catwalk.core.store.UserRepositoryContract;
import org.junit.jupiter.api.Nested;

/**
 * Every store contract from core, run against the jOOQ repositories of one {@link Database} that a
 * subclass opens once per class; each test starts from emptied tables.
 */
abstract class StoreContracts {

    /** The database under test, open for the whole class. */
    protected abstract Database database();

    private Stores fresh() {
        Database database = database();
        TestDatabases.truncate(database);
        return new Stores(database.users(), database.tokens(), database.settings(), database.auditLog(),
                database.deployments(), database.events(), database.credentials(), database.sealedSecrets(),
                database.analysisCache());
    }

    @Nested
    class Users extends UserRepositoryContract {
        @Override
        protected Stores freshStores() {
            return fresh();
        }
    }

    @Nested
    class Tokens extends TokenRepositoryContract {
        @Override
        protected Stores freshStores() {
            return fresh();
        }
    }

    @Nested
    class Settings extends SettingsRepositoryContract {
        @Override
        protected Stores freshStores() {
            return fresh();
        }
    }

    @Nested
    class Audit extends AuditLogContract {
        @Override
        protected Stores freshStores() {
            return fresh();
        }
    }

    @Nested
    class Deployments extends DeploymentRepositoryContract {
        @Override
        protected Stores freshStores() {
            return fresh();
        }
    }

    @Nested
    class Events extends EventLogContract {
        @Override
        protected Stores freshStores() {
            return fresh();
        }
    }

    @Nested
    class Credentials extends CredentialRepositoryContract {
        @Override
        protected Stores freshStores() {
            return fresh();
        }
    }

    @Nested
    class Secrets extends SealedSecretsContract {
        @Override
        protected Stores freshStores() {
            return fresh();
        }
    }

    @Nested
    class Analyses extends AnalysisCacheContract {
        @Override
        protected Stores freshStores() {
            return fresh();
        }
    }
}
