package live.catwalk.core.analysis.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The official MCP registry's read API (v0.1): servers as their publishers' {@code server.json}, searched by name
 * and paged by cursor. Thread-safe. Throws {@code CatwalkException} UPSTREAM_UNAVAILABLE
 * {@code mcp_registry_unavailable} when it cannot be asked or answers unusably (the hint names the URL asked and
 * {@code CATWALK_MCP_REGISTRY_URL}).
 */
public interface McpRegistry {

    /** The most entries one page holds. */
    int MAX_PAGE = 100;

    /**
     * One server's latest version: its {@code name} (reverse-DNS, e.g. {@code io.github.owner/name}), its
     * {@code server.json} as the registry returned it (JSON text, at most 256 KiB), and the registry's status
     * ({@code active}, {@code deprecated}, …) when given.
     */
    record Entry(String name, String serverJson, Optional<String> status) {
        public Entry {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(serverJson, "serverJson");
            Objects.requireNonNull(status, "status");
        }
    }

    /** A page of entries and the cursor of the next page (empty: the last page). */
    record Page(List<Entry> servers, Optional<String> nextCursor) {
        public Page {
            servers = List.copyOf(servers);
            Objects.requireNonNull(nextCursor, "nextCursor");
        }
    }

    /**
     * Latest versions of servers whose name matches {@code query} (empty: all), {@code limit} (1 to
     * {@link #MAX_PAGE}) at most, from {@code cursor} (empty: the first page; otherwise a cursor a page gave).
     */
    Page search(Optional<String> query, Optional<String> cursor, int limit);

    /** The latest version of the server named {@code name}; empty when the registry has none by that name. */
    Optional<Entry> latest(String name);
}
