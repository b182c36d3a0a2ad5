package live.catwalk.core.account.port.out;

import java.util.Optional;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.account.domain.UserId;

/** Users. Thread-safe. */
public interface UserRepository {

    /** Stores a new user; CONFLICT if the id or the name is taken. */
    void insert(User user);

    Optional<User> find(UserId id);

    Optional<User> findByName(String name);

    /** How many users exist. */
    long count();
}
