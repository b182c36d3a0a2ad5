package live.catwalk.adapters.llm.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.adapters.llm.http.BoundedHttp;
import live.catwalk.adapters.llm.http.SourceBuilder;
import live.catwalk.core.analysis.port.out.RepositoryHost;
import live.catwalk.core.credential.domain.SecretValue;

/**
 * GitHub's REST API as a {@link RepositoryHost}: bounded GETs, through {@link BoundedHttp}, on the configured base
 * URL only (every owner, name, ref and path is checked, then encoded; IllegalArgumentException otherwise); a token,
 * when given, is sent as a bearer and never appears in a message or hint. Thread-safe.
 */
public final class GithubApi implements RepositoryHost {

    private static final String JSON = "application/vnd.github+json";
    private static final String RAW = "application/vnd.github.raw+json";
    private static final String API_VERSION = "2022-11-28";

    private final BoundedHttp json;
    private final BoundedHttp raw;
    private final String base;
    private final Optional<SecretValue> token;
    private final GithubFailures failures;

    private GithubApi(Builder b) {
        this.json = b.http();
        this.raw = b.http(FileText.MAX_BYTES);
        this.base = b.base().toString();
        this.token = b.token;
        this.failures = new GithubFailures(b.token.isPresent(), b.setting());
    }

    /**
     * Starts a builder over the JDK client to use, which must not follow redirects itself ({@code Redirect.NEVER},
     * the JDK's default): BoundedHttp follows them, on the configured host only.
     */
    public static Builder builder(HttpClient client) {
        if (Objects.requireNonNull(client, "client").followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("a client that follows redirects could leave the configured host");
        }
        return new Builder(client);
    }

    /** {@code GET repos/{owner}/{name}}: a 404 or a private repository is empty; a rename's 301 is followed. */
    @Override
    public Optional<Repository> repository(String owner, String name) {
        URI uri = uri("repos/" + GithubPaths.repo(owner, name));
        return object(uri, Set.of(404)).filter(r -> !r.path("private").asBoolean(false)).map(r -> {
            String fullName = r.path("full_name").asText("");
            String branch = r.path("default_branch").asText("");
            if (!GithubPaths.isFullName(fullName) || !GithubPaths.isRef(branch)) {
                throw failures.unavailable("answered a repository without a valid full_name and default_branch", uri);
            }
            JsonNode description = r.path("description");
            return new Repository(fullName, branch, description.isTextual() && !description.asText().isBlank()
                    ? Optional.of(description.asText()) : Optional.empty(), r.path("archived").asBoolean(false));
        });
    }

    /**
     * {@code GET repos/{fullName}/commits/{ref}}, the ref one encoded segment: empty on 404, 422 (no such ref) and
     * 409 (an empty repository has no commit).
     */
    @Override
    public Optional<String> commit(String fullName, String ref) {
        URI uri = uri("repos/" + GithubPaths.fullName(fullName) + "/commits/" + GithubPaths.ref(ref));
        return object(uri, Set.of(404, 409, 422)).map(c -> {
            String sha = c.path("sha").asText("");
            if (!GithubPaths.isSha(sha)) {
                throw failures.unavailable("answered a malformed sha", uri);
            }
            return sha;
        });
    }

    /**
     * {@code GET repos/{fullName}/git/trees/{sha}?recursive=1}: its blobs' paths (folders and submodules left out,
     * and any path {@link #file} would refuse). A 404 is an empty tree: the sha was just resolved, so GitHub
     * not finding it is a race with a force-push at worst, and an empty tree reads as "nothing to analyse".
     */
    @Override
    public Tree tree(String fullName, String sha) {
        URI uri = uri("repos/" + GithubPaths.fullName(fullName) + "/git/trees/" + GithubPaths.sha(sha)
                + "?recursive=1");
        Optional<JsonNode> answer = object(uri, Set.of(404));
        if (answer.isEmpty()) {
            return new Tree(List.of(), false);
        }
        JsonNode entries = answer.get().path("tree");
        if (!entries.isArray()) {
            throw failures.unavailable("answered a tree without a file list", uri);
        }
        List<String> paths = new ArrayList<>();
        boolean truncated = answer.get().path("truncated").asBoolean(false);
        for (JsonNode entry : entries) {
            String path = entry.path("path").asText("");
            if (!"blob".equals(entry.path("type").asText()) || !GithubPaths.isPath(path)) {
                continue;
            }
            if (paths.size() == Tree.MAX_PATHS) {
                truncated = true;
                break;
            }
            paths.add(path);
        }
        return new Tree(paths, truncated);
    }

    /**
     * {@code GET repos/{fullName}/contents/{path}?ref={sha}} as raw bytes, each path segment encoded: a 404 is
     * empty; a larger file is read only up to {@link FileText#MAX_BYTES} and cut there, on a whole character.
     */
    @Override
    public Optional<FileText> file(String fullName, String sha, String path) {
        URI uri = uri("repos/" + GithubPaths.fullName(fullName) + "/contents/" + GithubPaths.path(path) + "?ref="
                + GithubPaths.sha(sha));
        BoundedHttp.Answer answer = raw.send(request(uri, RAW), failures.asking(uri), true);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (answer.status() / 100 != 2) {
            throw failures.status(answer, uri);
        }
        return Optional.of(new FileText(path, RawText.of(answer.body(), answer.cut()), answer.cut()));
    }

    /** A JSON object from {@code uri}; empty for a status in {@code none}. */
    private Optional<JsonNode> object(URI uri, Set<Integer> none) {
        BoundedHttp.Answer answer = json.send(request(uri, JSON), failures.asking(uri));
        if (none.contains(answer.status())) {
            return Optional.empty();
        }
        if (answer.status() / 100 != 2) {
            throw failures.status(answer, uri);
        }
        JsonNode node = BoundedHttp.tree(answer.body(), failures.asking(uri));
        if (node == null || !node.isObject()) {
            throw failures.unavailable("answered JSON that is not an object", uri);
        }
        return Optional.of(node);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private HttpRequest request(URI uri, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().header("Accept", accept)
                .header("X-GitHub-Api-Version", API_VERSION).header("User-Agent", "catwalk");
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t.reveal()));
        return b.build();
    }

    /** Options with GitHub's defaults: api.github.com, 10 s per request, 8 MiB per JSON answer, no token. */
    public static final class Builder extends SourceBuilder<Builder> {
        private Optional<SecretValue> token = Optional.empty();

        private Builder(HttpClient client) {
            super(client, URI.create("https://api.github.com/"), Duration.ofSeconds(10), 8L * 1024 * 1024,
                    "CATWALK_GITHUB_API_URL");
        }

        /** A token for higher rate limits, sent as a bearer on every request: visible ASCII, no spaces. */
        public Builder token(SecretValue value) {
            String text = Objects.requireNonNull(value, "value").reveal();
            // The JDK's own refusal of a header value would quote the token.
            if (text.isEmpty() || text.chars().anyMatch(c -> c <= 0x20 || c >= 0x7F)) {
                throw new IllegalArgumentException("a GitHub token is visible ASCII characters without spaces");
            }
            this.token = Optional.of(value);
            return this;
        }

        public GithubApi build() {
            return new GithubApi(this);
        }
    }
}
