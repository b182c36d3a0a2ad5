package live.catwalk.adapters.llm.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import live.catwalk.adapters.llm.http.BoundedHttp;
import live.catwalk.adapters.llm.http.SourceBuilder;
import live.catwalk.core.analysis.port.out.RepositoryHost;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.CatwalkException;

/**
 * GitHub's REST API as a {@link RepositoryHost}: four kinds of GET on the configured base URL only, each bounded
 * by {@link BoundedHttp}; a token, when given, is sent as a bearer and never appears in a message. Thread-safe.
 */
public final class GithubApi implements RepositoryHost {

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final String JSON = "application/vnd.github+json";

    private final BoundedHttp http;
    private final BoundedHttp files;
    private final String base;
    private final Optional<SecretValue> token;
    private final String setting;

    private GithubApi(Builder b) {
        this.http = b.http();
        this.files = b.http(FileText.MAX_BYTES);
        this.base = b.base().toString();
        this.token = b.token;
        this.setting = b.setting();
    }

    /** Starts a builder over the JDK client to use; its redirect policy may be anything. */
    public static Builder builder(HttpClient client) {
        return new Builder(Objects.requireNonNull(client, "client"));
    }

    @Override
    public Optional<Repository> repository(String owner, String name) {
        checkRepo(owner + "/" + name);
        return json("repos/" + owner + "/" + name).filter(r -> !r.path("private").asBoolean(false))
                .map(r -> new Repository(text(r, "full_name").orElse(owner + "/" + name),
                        text(r, "default_branch").orElse("main"), text(r, "description"),
                        r.path("archived").asBoolean(false)));
    }

    @Override
    public Optional<String> commit(String fullName, String ref) {
        checkRepo(fullName);
        if (ref.isEmpty() || ref.length() > 255 || ref.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("not a ref");
        }
        return json("repos/" + fullName + "/commits/" + segment(ref)).map(c -> {
            String sha = c.path("sha").asText("");
            if (!SHA.matcher(sha).matches()) {
                throw fail("answered a malformed sha");
            }
            return sha;
        });
    }

    @Override
    public Tree tree(String fullName, String sha) {
        checkRepo(fullName);
        checkSha(sha);
        Optional<JsonNode> tree = json("repos/" + fullName + "/git/trees/" + sha + "?recursive=1");
        if (tree.isEmpty()) {
            return new Tree(List.of(), false); // the commit was just resolved: an empty tree, not an error
        }
        List<String> paths = new ArrayList<>();
        boolean truncated = tree.get().path("truncated").asBoolean(false);
        for (JsonNode entry : tree.get().path("tree")) {
            if (!"blob".equals(entry.path("type").asText())) {
                continue;
            }
            if (paths.size() == Tree.MAX_PATHS) {
                truncated = true;
                break;
            }
            paths.add(entry.path("path").asText());
        }
        return new Tree(paths, truncated);
    }

    @Override
    public Optional<FileText> file(String fullName, String sha, String path) {
        checkRepo(fullName);
        checkSha(sha);
        if (path.isEmpty() || path.startsWith("/") || path.indexOf('\0') >= 0
                || List.of(path.split("/")).contains("..")) {
            throw new IllegalArgumentException("not a path in a repository");
        }
        StringBuilder encoded = new StringBuilder();
        for (String s : path.split("/")) {
            encoded.append(encoded.isEmpty() ? "" : "/").append(segment(s));
        }
        URI uri = URI.create(base + "repos/" + fullName + "/contents/" + encoded + "?ref=" + sha);
        BoundedHttp.Answer answer = files.send(request(uri, "application/vnd.github.raw+json"), this::fail, true);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        requireOk(answer, uri);
        return Optional.of(new FileText(path, utf8(answer.body(), answer.cut()), answer.cut()));
    }

    private Optional<JsonNode> json(String path) {
        URI uri = URI.create(base + path);
        BoundedHttp.Answer answer = http.send(request(uri, JSON), this::fail);
        if (answer.status() == 404 || answer.status() == 422 && path.contains("/commits/")) {
            return Optional.empty();
        }
        requireOk(answer, uri);
        return Optional.of(BoundedHttp.tree(answer.body(), this::fail));
    }

    private HttpRequest request(URI uri, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().header("Accept", accept)
                .header("X-GitHub-Api-Version", "2022-11-28").header("User-Agent", "catwalk");
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t.reveal()));
        return b.build();
    }

    private void requireOk(BoundedHttp.Answer answer, URI uri) {
        int status = answer.status();
        if (status / 100 == 2) {
            return;
        }
        var headers = answer.headers();
        boolean limited = status == 403 || status == 429;
        if (limited && headers.firstValue("x-ratelimit-remaining").filter("0"::equals).isPresent()) {
            String reset = headers.firstValueAsLong("x-ratelimit-reset").stream()
                    .mapToObj(s -> "it resets at " + Instant.ofEpochSecond(s)).findFirst().orElse("wait an hour");
            throw CatwalkException.of(CatwalkException.Kind.LIMIT_EXCEEDED, "GitHub's API rate limit is spent")
                    .withCode("github_rate_limited")
                    .withHint(reset + (token.isEmpty() ? ", or set GITHUB_TOKEN for a higher limit" : ""));
        }
        if (limited && headers.firstValue("retry-after").isPresent()) {
            throw CatwalkException.of(CatwalkException.Kind.LIMIT_EXCEEDED, "GitHub is limiting how fast we ask")
                    .withCode("github_rate_limited").withHint("retry after "
                            + headers.firstValueAsLong("retry-after").orElse(60) + " seconds");
        }
        if (status == 401) {
            throw unavailable("refused the token (HTTP 401)", "check GITHUB_TOKEN: it is wrong or expired");
        }
        throw unavailable(status >= 500 ? "failed (HTTP " + status + ")" : "answered HTTP " + status,
                SourceBuilder.reachHint(uri, setting, "a GitHub API"));
    }

    private CatwalkException fail(String what) {
        return unavailable(what, SourceBuilder.reachHint(URI.create(base), setting, "a GitHub API"));
    }

    private static CatwalkException unavailable(String what, String hint) {
        return CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, "GitHub " + what)
                .withCode("github_unavailable").withHint(hint);
    }

    private static String utf8(byte[] bytes, boolean cut) {
        int end = bytes.length;
        if (cut) { // never end inside a character
            while (end > 0 && end > bytes.length - 4 && (bytes[end - 1] & 0xC0) == 0x80) {
                end--;
            }
            if (end > 0 && (bytes[end - 1] & 0x80) != 0) {
                end--;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes, 0, end)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("a replacing decoder does not throw", e);
        }
    }

    private static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static void checkRepo(String fullName) {
        String[] parts = fullName.split("/", -1);
        if (parts.length != 2 || !OWNER.matcher(parts[0]).matches() || !NAME.matcher(parts[1]).matches()
                || parts[1].equals(".") || parts[1].equals("..")) {
            throw new IllegalArgumentException("not a GitHub owner/name");
        }
    }

    private static void checkSha(String sha) {
        if (!SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("not a commit sha");
        }
    }

    /** Options with GitHub's defaults: 10 s per request, 8 MiB per JSON answer, no token. */
    public static final class Builder extends SourceBuilder<Builder> {
        private Optional<SecretValue> token = Optional.empty();

        private Builder(HttpClient client) {
            super(client, URI.create("https://api.github.com/"), Duration.ofSeconds(10), 8L * 1024 * 1024,
                    "CATWALK_GITHUB_API_URL");
        }

        /** A token for higher rate limits, sent as a bearer. */
        public Builder token(SecretValue value) {
            this.token = Optional.of(value);
            return this;
        }

        public GithubApi build() {
            return new GithubApi(this);
        }
    }
}
