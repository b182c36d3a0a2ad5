package live.catwalk.core.account.port.out;

import java.util.List;
import java.util.Optional;
import live.catwalk.core.account.domain.User;
import live.catwalk.core.shared.domain.UserId;

/** Users. Timestamps are kept to the microsecond. Thread-safe. */
public interface UserRepository {

    /** Stores a new user; CONFLICT if the id or the name is taken (and the stored user is unchanged). */
    void insert(User user);

    /** The user with this id; empty if there is none. */
    Optional<User> find(UserId id);

    /** The user with exactly this name; empty if there is none. */
    Optional<User> findByName(String name);

    /** How many users exist. */
    long count();

    /**
     * A page of all users, oldest ({@code createdAt}) first, ties by id, so pages neither repeat nor skip;
     * {@link IllegalArgumentException} unless {@code offset >= 0} and {@code limit} is 1 to 500.
     */
    List<User> list(int offset, int limit);

    /** Sets the user's disabled flag; false (and nothing changes) if there is no such user. */
    boolean setDisabled(UserId id, boolean disabled);
}
