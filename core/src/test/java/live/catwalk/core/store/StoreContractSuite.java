package live.catwalk.core.store;

import org.junit.jupiter.api.Nested;

/**
 * Every store contract at once: an implementation's test extends this and says how to get an empty store;
 * each contract runs as a nested class against it.
 */
public abstract class StoreContractSuite {

    /** A store with nothing in it, over one database (called before every test). */
    protected abstract Stores emptyStores();

    @Nested
    public class Users extends UserRepositoryContract {
        @Override
        protected Stores freshStores() {
            return emptyStores();
        }
    }

    @Nested
    public class Tokens extends TokenRepositoryContract {
        @Override
        protected Stores freshStores() {
            return emptyStores();
        }
    }

    @Nested
    public class Settings extends SettingsRepositoryContract {
        @Override
        protected Stores freshStores() {
            return emptyStores();
        }
    }

    @Nested
    public class Audit extends AuditLogContract {
        @Override
        protected Stores freshStores() {
            return emptyStores();
        }
    }

    @Nested
    public class Deployments extends DeploymentRepositoryContract {
        @Override
        protected Stores freshStores() {
            return emptyStores();
        }
    }

    @Nested
    public class Events extends EventLogContract {
        @Override
        protected Stores freshStores() {
            return emptyStores();
        }
    }

    @Nested
    public class Credentials extends CredentialRepositoryContract {
        @Override
        protected Stores freshStores() {
            return emptyStores();
        }
    }

    @Nested
    public class Secrets extends SealedSecretsContract {
        @Override
        protected Stores freshStores() {
            return emptyStores();
        }
    }

    @Nested
    public class Analyses extends AnalysisCacheContract {
        @Override
        protected Stores freshStores() {
            return emptyStores();
        }
    }

    @Nested
    public class OAuth extends OAuthStoreContract {
        @Override
        protected Stores freshStores() {
            return emptyStores();
        }
    }

    @Nested
    public class OAuthCodesAndTokens extends OAuthCodesAndTokensContract {
        @Override
        protected Stores freshStores() {
            return emptyStores();
        }
    }

    @Nested
    public class GitHub extends GitHubIdentitiesContract {
        @Override
        protected Stores freshStores() {
            return emptyStores();
        }
    }
}
