package live.catwalk.core.analysis.usecase;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import live.catwalk.core.analysis.domain.Facts;
import live.catwalk.core.analysis.domain.GithubRepo;
import live.catwalk.core.analysis.domain.Notice;
import live.catwalk.core.analysis.domain.ServerJson;
import live.catwalk.core.analysis.port.out.McpRegistry;
import live.catwalk.core.shared.CatwalkException;

/**
 * The official MCP registry as a source of facts for a repository that has no {@code server.json} of its own: the
 * entry its {@code package.json} names ({@code mcpName}), or else the entry whose repository is this one. An
 * unreachable registry costs a notice, never the analysis.
 */
final class RegistryEntries {

    /** How many search results are compared with the repository. */
    static final int SEARCHED = 30;

    private final McpRegistry registry;

    RegistryEntries(McpRegistry registry) {
        this.registry = registry;
    }

    /** {@code facts} with the registry's declaration when it has one for this repository. */
    Facts declare(Facts facts, GithubRepo repo, String fullName, List<Notice> notices) {
        if (facts.serverJson().isPresent()) {
            return facts;
        }
        try {
            Optional<ServerJson> entry = facts.registryName().flatMap(this::latest)
                    .or(() -> repo.subdir().isPresent() ? Optional.empty() : byRepository(fullName));
            return entry.map(facts::declaredByRegistry).orElse(facts);
        } catch (CatwalkException e) {
            if (e.kind() != CatwalkException.Kind.UPSTREAM_UNAVAILABLE) {
                throw e;
            }
            notices.add(new Notice("mcp_registry_unavailable", e.getMessage() + "; its entry, if any, was not read",
                    e.hint()));
            return facts;
        } catch (IllegalArgumentException notAName) {
            return facts;
        }
    }

    private Optional<ServerJson> latest(String name) {
        return registry.latest(name).flatMap(e -> parsed(e.serverJson()));
    }

    private Optional<ServerJson> byRepository(String fullName) {
        String wanted = "https://github.com/" + fullName.toLowerCase(Locale.ROOT);
        String name = fullName.substring(fullName.indexOf('/') + 1);
        return registry.search(Optional.of(name), Optional.empty(), SEARCHED).servers().stream()
                .flatMap(e -> parsed(e.serverJson()).stream())
                .filter(s -> s.repositoryUrl().map(RegistryEntries::normalised).filter(wanted::equals).isPresent())
                .findFirst();
    }

    private static Optional<ServerJson> parsed(String json) {
        return ServerJson.parse(json) instanceof ServerJson.Parsed.Read(ServerJson s) ? Optional.of(s)
                : Optional.empty();
    }

    private static String normalised(String url) {
        String u = url.strip().toLowerCase(Locale.ROOT).replaceFirst("^http://", "https://")
                .replaceFirst("^https://www\\.", "https://");
        u = u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
        return u.endsWith(".git") ? u.substring(0, u.length() - 4) : u;
    }
}
