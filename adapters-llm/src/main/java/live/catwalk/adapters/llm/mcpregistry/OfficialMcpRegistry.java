package live.catwalk.adapters.llm.mcpregistry;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import live.catwalk.adapters.llm.http.BoundedHttp;
import live.catwalk.adapters.llm.http.SourceBuilder;
import live.catwalk.core.analysis.port.out.McpRegistry;
import live.catwalk.core.shared.CatwalkException;

/**
 * The official MCP registry ({@code /v0.1/servers}) as an {@link McpRegistry}: one bounded GET per call on the
 * configured base URL. Thread-safe.
 */
public final class OfficialMcpRegistry implements McpRegistry {

    /** The largest {@code server.json} kept, in UTF-8 bytes; a list skips larger entries. */
    static final int MAX_SERVER_JSON = 256 * 1024;
    private static final String OFFICIAL = "io.modelcontextprotocol.registry/official";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final BoundedHttp http;
    private final String base;
    private final String setting;

    private OfficialMcpRegistry(Builder b) {
        this.http = b.http();
        this.base = b.base().toString();
        this.setting = b.setting();
    }

    /** Starts a builder over the JDK client to use. */
    public static Builder builder(HttpClient client) {
        return new Builder(Objects.requireNonNull(client, "client"));
    }

    @Override
    public Page search(Optional<String> query, Optional<String> cursor, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit is 1 to " + MAX_PAGE);
        }
        StringBuilder q = new StringBuilder("v0.1/servers?version=latest&limit=").append(limit);
        query.map(OfficialMcpRegistry::checked).filter(s -> !s.isEmpty())
                .ifPresent(s -> q.append("&search=").append(encoded(s)));
        cursor.map(OfficialMcpRegistry::checked).filter(c -> !c.isEmpty())
                .ifPresent(c -> q.append("&cursor=").append(encoded(c)));
        URI uri = URI.create(base + q);
        JsonNode page = get(uri).orElseThrow(() -> unavailable("has no server list (HTTP 404)", uri));
        if (!page.path("servers").isArray()) {
            throw unavailable("answered without a server list", uri);
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode item : page.path("servers")) {
            entry(item).ifPresent(entries::add);
        }
        String next = page.path("metadata").path("nextCursor").asText("");
        return new Page(entries, next.isBlank() ? Optional.empty() : Optional.of(next));
    }

    @Override
    public Optional<Entry> latest(String name) {
        Objects.requireNonNull(name, "name");
        if (!validName(name)) {
            throw new IllegalArgumentException("not a registry server name");
        }
        URI uri = URI.create(base + "v0.1/servers/" + encoded(name) + "/versions/latest");
        // Unlike a list, one asked-for server the registry has but we cannot use is not "none by that name".
        return get(uri).map(item -> entry(item).orElseThrow(() -> unavailable("answered an unusable server"
                + " (no valid name, or a server.json over " + MAX_SERVER_JSON + " bytes)", uri)));
    }

    /** The entry in {@code item}, or empty when its server has no valid name or is too large to keep. */
    private static Optional<Entry> entry(JsonNode item) {
        JsonNode server = item.path("server");
        JsonNode name = server.path("name");
        if (!server.isObject() || !name.isTextual() || !validName(name.asText())) {
            return Optional.empty();
        }
        String json = server.toString();
        if (json.getBytes(StandardCharsets.UTF_8).length > MAX_SERVER_JSON) {
            return Optional.empty();
        }
        String status = item.path("_meta").path(OFFICIAL).path("status").asText("");
        return Optional.of(new Entry(name.asText(), json, status.isBlank() ? Optional.empty() : Optional.of(status)));
    }

    private Optional<JsonNode> get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().header("Accept", "application/json")
                .header("User-Agent", "catwalk").build();
        BoundedHttp.Answer answer = http.send(request, what -> unavailable(what, uri));
        return switch (answer.status()) {
            case 200 -> Optional.of(object(BoundedHttp.tree(answer.body(), what -> unavailable(what, uri)), uri));
            case 404 -> Optional.empty();
            case 429 -> throw unavailable("is rate limiting us (HTTP 429)", uri);
            default -> throw unavailable(answer.status() >= 500 ? "failed (HTTP " + answer.status() + ")"
                    : "answered HTTP " + answer.status(), uri);
        };
    }

    private JsonNode object(JsonNode answer, URI uri) {
        if (answer == null || !answer.isObject()) {
            throw unavailable("answered JSON that is not an object", uri);
        }
        return answer;
    }

    private static boolean validName(String name) {
        return name.length() >= 3 && name.length() <= 200 && NAME.matcher(name).matches();
    }

    private static String checked(String value) {
        if (value.length() > 200 || CONTROL.matcher(value).find()) {
            throw new IllegalArgumentException("a search text or cursor is at most 200 characters, no control ones");
        }
        return value;
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private CatwalkException unavailable(String what, URI asked) {
        return CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, "the MCP registry " + what)
                .withCode("mcp_registry_unavailable").withHint(SourceBuilder.reachHint(asked, setting, "a registry"));
    }

    /** Options with the public registry's defaults: 10 s per request, 8 MiB per answer. */
    public static final class Builder extends SourceBuilder<Builder> {

        private Builder(HttpClient client) {
            super(client, URI.create("https://registry.modelcontextprotocol.io/"), Duration.ofSeconds(10),
                    8L * 1024 * 1024, "CATWALK_MCP_REGISTRY_URL");
        }

        public OfficialMcpRegistry build() {
            return new OfficialMcpRegistry(this);
        }
    }
}
