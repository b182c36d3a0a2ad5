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

    /** The largest {@code server.json} kept; larger entries are skipped. */
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
        query.ifPresent(s -> q.append("&search=").append(encoded(checked(s))));
        cursor.ifPresent(c -> q.append("&cursor=").append(encoded(checked(c))));
        JsonNode page = get(URI.create(base + q)).orElseThrow(() -> unavailable("has no server list (HTTP 404)"));
        List<Entry> entries = new ArrayList<>();
        for (JsonNode item : page.path("servers")) {
            entry(item).ifPresent(entries::add);
        }
        String next = page.path("metadata").path("nextCursor").asText("");
        return new Page(entries, next.isBlank() ? Optional.empty() : Optional.of(next));
    }

    @Override
    public Optional<Entry> latest(String name) {
        if (name.length() < 3 || name.length() > 200 || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a registry server name");
        }
        return get(URI.create(base + "v0.1/servers/" + encoded(name) + "/versions/latest")).flatMap(this::entry);
    }

    private Optional<Entry> entry(JsonNode item) {
        JsonNode server = item.path("server");
        String name = server.path("name").asText("");
        String json = server.toString();
        if (name.isBlank() || !server.isObject() || json.length() > MAX_SERVER_JSON) {
            return Optional.empty();
        }
        String status = item.path("_meta").path(OFFICIAL).path("status").asText("");
        return Optional.of(new Entry(name, json, status.isBlank() ? Optional.empty() : Optional.of(status)));
    }

    private Optional<JsonNode> get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().header("Accept", "application/json")
                .header("User-Agent", "catwalk").build();
        try {
            BoundedHttp.Answer answer = http.send(request, OfficialMcpRegistry::unavailable);
            return switch (answer.status()) {
                case 200 -> Optional.of(BoundedHttp.tree(answer.body(), OfficialMcpRegistry::unavailable));
                case 404 -> Optional.empty();
                case 429 -> throw unavailable("is rate limiting us (HTTP 429)");
                default -> throw unavailable(answer.status() >= 500 ? "failed (HTTP " + answer.status() + ")"
                        : "answered HTTP " + answer.status());
            };
        } catch (CatwalkException e) {
            throw e.hint().isPresent() ? e : e.withHint(SourceBuilder.reachHint(uri, setting, "a registry"));
        }
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

    private static CatwalkException unavailable(String what) {
        return CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, "the MCP registry " + what)
                .withCode("mcp_registry_unavailable");
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
