package live.catwalk.core.analysis.usecase;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import live.catwalk.core.analysis.domain.DeployForm;
import live.catwalk.core.analysis.domain.RegistryListing;
import live.catwalk.core.analysis.domain.ServerJson;
import live.catwalk.core.analysis.port.in.BrowseMcpRegistry;
import live.catwalk.core.analysis.port.out.McpRegistry;
import live.catwalk.core.shared.CatwalkException;

/** The official MCP registry through {@link McpRegistry}, its entries read as {@code server.json}. Thread-safe. */
public final class BrowseMcpRegistryService implements BrowseMcpRegistry {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9.-]+/[a-zA-Z0-9._-]+");

    private final McpRegistry registry;

    public BrowseMcpRegistryService(McpRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public Page search(Optional<String> query, Optional<String> cursor, int limit) {
        check("q", query);
        check("cursor", cursor);
        if (limit < 1 || limit > McpRegistry.MAX_PAGE) {
            throw CatwalkException.invalidInput("limit", "must be 1 to " + McpRegistry.MAX_PAGE, null);
        }
        McpRegistry.Page page = registry.search(query.filter(q -> !q.isBlank()), cursor.filter(c -> !c.isBlank()),
                limit);
        List<RegistryListing> listings = new ArrayList<>();
        for (McpRegistry.Entry e : page.servers()) {
            if (ServerJson.parse(e.serverJson()) instanceof ServerJson.Parsed.Read(ServerJson s)) {
                listings.add(RegistryListing.of(e.name(), s, e.status()));
            }
        }
        return new Page(listings, page.nextCursor());
    }

    @Override
    public Optional<DeployForm> form(String name) {
        if (name == null || name.length() < 3 || name.length() > 200 || !NAME.matcher(name).matches()) {
            throw CatwalkException.invalidInput("name", "is not a registry server name",
                    "registry names look like io.github.owner/name");
        }
        return registry.latest(name).map(e -> {
            if (!(ServerJson.parse(e.serverJson()) instanceof ServerJson.Parsed.Read(ServerJson s))
                    || s.packages().isEmpty()) {
                throw CatwalkException.of(CatwalkException.Kind.CONFLICT, name
                                + " has no npm or PyPI package that runs over stdio, so Catwalk cannot run it")
                        .withCode("not_deployable")
                        .withHint("a remote-only server is reached at its own URL; connect to it directly");
            }
            ServerJson.StdioPackage p = s.packages().getFirst();
            return DeployForm.of(p.env(), p.requiredPlaceholders());
        });
    }

    private static void check(String field, Optional<String> value) {
        value.ifPresent(v -> {
            if (v.length() > MAX_QUERY || CONTROL.matcher(v).find()) {
                throw CatwalkException.invalidInput(field, "must be at most " + MAX_QUERY
                        + " characters without control characters", null);
            }
        });
    }
}
