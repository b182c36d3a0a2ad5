package live.catwalk.core.analysis.port.in;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.analysis.domain.DeployForm;
import live.catwalk.core.analysis.domain.RegistryListing;

/**
 * The official MCP registry as a catalogue: search it page by page, and read the deployment form of a server
 * Catwalk can run. Bad input is INVALID_INPUT naming {@code q}, {@code cursor}, {@code limit} or {@code name};
 * an unreachable registry is UPSTREAM_UNAVAILABLE ({@code mcp_registry_unavailable}).
 */
public interface BrowseMcpRegistry {

    /** The longest search text and cursor accepted. */
    int MAX_QUERY = 200;

    /** A page of servers and the cursor of the next one (empty: the last page). */
    record Page(List<RegistryListing> servers, Optional<String> nextCursor) {
        public Page {
            servers = List.copyOf(servers);
            Objects.requireNonNull(nextCursor, "nextCursor");
        }
    }

    /** Servers whose name matches {@code query}, {@code limit} (1-100) at most from {@code cursor}. */
    Page search(Optional<String> query, Optional<String> cursor, int limit);

    /**
     * The form for the registry server {@code name}'s first npm or PyPI stdio package; empty when the registry has
     * no such server. Throws CONFLICT ({@code not_deployable}) when it has no package Catwalk can run.
     */
    Optional<DeployForm> form(String name);
}
