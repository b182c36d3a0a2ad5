package live.catwalk.core.store;

import org.junit.jupiter.api.Nested;

/** Every store contract, run against {@link InMemoryStore}. */
class InMemoryStoreContractTest {

    private static Stores fresh() {
        return new InMemoryStore().stores();
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
