package live.catwalk.core.store;

import java.util.Optional;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.domain.UserId;
import live.catwalk.core.account.port.out.UserRepository;

final class InMemoryUsers implements UserRepository {

    private final InMemoryStore store;

    InMemoryUsers(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public void insert(User user) {
        synchronized (store.lock) {
            if (store.users.containsKey(user.id())) {
                throw InMemoryStore.conflict("a user with id " + user.id() + " exists");
            }
            if (findByName(user.name()).isPresent()) {
                throw InMemoryStore.conflict("the user name " + user.name() + " is taken");
            }
            store.users.put(user.id(), user);
        }
    }

    @Override
    public Optional<User> find(UserId id) {
        synchronized (store.lock) {
            return Optional.ofNullable(store.users.get(id));
        }
    }

    @Override
    public Optional<User> findByName(String name) {
        synchronized (store.lock) {
            return store.users.values().stream().filter(u -> u.name().equals(name)).findFirst();
        }
    }

    @Override
    public long count() {
        synchronized (store.lock) {
            return store.users.size();
        }
    }
}
