package live.catwalk.core.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import live.catwalk.core.account.domain.GitHubIdentity;
import live.catwalk.core.account.port.out.GitHubIdentities;
import live.catwalk.core.shared.domain.UserId;

/** Each user's linked GitHub account, in {@link InMemoryStore#githubIdentities}; the sign-in times are not kept. */
final class InMemoryGitHubIdentities implements GitHubIdentities {

    private final InMemoryStore store;

    InMemoryGitHubIdentities(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public Optional<UserId> userOf(long githubId) {
        synchronized (store.lock) {
            return store.githubIdentities.entrySet().stream().filter(e -> e.getValue().id() == githubId)
                    .map(Map.Entry::getKey).findFirst();
        }
    }

    @Override
    public Optional<GitHubIdentity> of(UserId user) {
        synchronized (store.lock) {
            return Optional.ofNullable(store.githubIdentities.get(user));
        }
    }

    @Override
    public void link(UserId user, GitHubIdentity identity, Instant at) {
        synchronized (store.lock) {
            store.requireUser(user);
            if (store.githubIdentities.containsKey(user)) {
                throw InMemoryStore.conflict("user " + user + " is linked to a GitHub account already");
            }
            if (userOf(identity.id()).isPresent()) {
                throw InMemoryStore.conflict("GitHub account " + identity.id() + " is linked already");
            }
            store.githubIdentities.put(user, identity);
        }
    }

    @Override
    public boolean signedIn(GitHubIdentity identity, Instant at) {
        synchronized (store.lock) {
            Optional<UserId> user = userOf(identity.id());
            user.ifPresent(u -> store.githubIdentities.put(u, identity));
            return user.isPresent();
        }
    }
}
