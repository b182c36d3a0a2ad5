package live.catwalk.adapters.persistence;

import live.catwalk.core.store.StoreContractSuite;
import live.catwalk.core.store.Stores;

/**
 * Every store contract from core, run against the jOOQ repositories of one {@link Database} that a
 * subclass opens once per class; each test starts from emptied tables.
 */
abstract class StoreContracts extends StoreContractSuite {

    /** The database under test, open for the whole class. */
    protected abstract Database database();

    @Override
    protected Stores emptyStores() {
        Database database = database();
        TestDatabases.truncate(database);
        return new Stores(database.users(), database.tokens(), database.settings(), database.auditLog(),
                database.deployments(), database.events(), database.credentials(), database.sealedSecrets(),
                database.analysisCache(), database.oauth(), database.githubIdentities());
    }
}
