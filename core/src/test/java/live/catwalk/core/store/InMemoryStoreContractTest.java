package live.catwalk.core.store;

/** Every store contract, run against {@link InMemoryStore}. */
class InMemoryStoreContractTest extends StoreContractSuite {

    @Override
    protected Stores emptyStores() {
        return new InMemoryStore().stores();
    }
}
