package live.catwalk.core.store;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;
import live.catwalk.core.account.port.out.UserRepository;

final class InMemoryUsers implements UserRepository {

    private static final Comparator<User> OLDEST_FIRST = Comparator.comparing(User::createdAt)
            .thenComparing(u -> u.id().toString());

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

    @Override
    public List<User> list(int offset, int limit) {
        InMemoryStore.checkLimit(limit, 500);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, not " + offset);
        }
        synchronized (store.lock) {
            return store.users.values().stream().sorted(OLDEST_FIRST).skip(offset).limit(limit).toList();
        }
    }

    @Override
    public boolean setDisabled(UserId id, boolean disabled) {
        synchronized (store.lock) {
            User user = store.users.get(id);
            if (user == null) {
                return false;
            }
            store.users.put(id, user.withDisabled(disabled));
            return true;
        }
    }
}
