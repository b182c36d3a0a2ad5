package live.catwalk.core.analysis.usecase;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import live.catwalk.core.analysis.port.out.RepositoryHost;
import live.catwalk.core.shared.CatwalkException;

/** An in-memory code host: repositories with one branch each, at one commit, with their files. Counts requests. */
final class FakeRepositoryHost implements RepositoryHost {

    static final String SHA = "0123456789abcdef0123456789abcdef01234567";

    final AtomicInteger requests = new AtomicInteger();
    private final Map<String, Map<String, String>> files = new HashMap<>();
    private RuntimeException failure;

    /** Adds {@code owner/name} on branch main with {@code contents} (path → text). */
    FakeRepositoryHost with(String fullName, Map<String, String> contents) {
        files.put(fullName.toLowerCase(java.util.Locale.ROOT), Map.copyOf(contents));
        return this;
    }

    /** Every request fails with {@code e} from now on. */
    void failWith(RuntimeException e) {
        this.failure = e;
    }

    static CatwalkException rateLimited() {
        return CatwalkException.of(CatwalkException.Kind.LIMIT_EXCEEDED, "GitHub's API rate limit is spent")
                .withCode("github_rate_limited").withHint("it resets at 2026-12-05T15:00:00Z");
    }

    @Override
    public Optional<Repository> repository(String owner, String name) {
        count();
        String key = (owner + "/" + name).toLowerCase(java.util.Locale.ROOT);
        return files.containsKey(key) ? Optional.of(new Repository(owner + "/" + name, "main",
                Optional.empty(), false)) : Optional.empty();
    }

    @Override
    public Optional<String> commit(String fullName, String ref) {
        count();
        return ref.equals("main") ? Optional.of(SHA) : Optional.empty();
    }

    @Override
    public Tree tree(String fullName, String sha) {
        count();
        return new Tree(new ArrayList<>(of(fullName).keySet()), false);
    }

    @Override
    public Optional<FileText> file(String fullName, String sha, String path) {
        count();
        if (path.contains("..")) {
            throw new IllegalArgumentException("not a path in a repository");
        }
        return Optional.ofNullable(of(fullName).get(path)).map(t -> new FileText(path, t, false));
    }

    private Map<String, String> of(String fullName) {
        return files.getOrDefault(fullName.toLowerCase(java.util.Locale.ROOT), Map.of());
    }

    private void count() {
        requests.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
    }

}
