package live.catwalk.core.oauth.port.out;

import java.net.URI;
import live.catwalk.core.oauth.domain.ClientMetadataDocument;

/**
 * Fetches MCP clients' metadata documents from the internet, guarded against server-side request forgery (no private
 * or loopback address, no redirect, a small body, a short deadline) and cached within bounds. Thread-safe.
 */
@FunctionalInterface
public interface ClientMetadataDocuments {

    /**
     * The document at {@code clientId} (already checked with {@link ClientMetadataDocument#checkClientId}), fresh or
     * from the cache, or a stale copy of at most a day when the client's host fails. UPSTREAM_UNAVAILABLE (code
     * {@code client_metadata_unavailable}) when it cannot be fetched and no copy is kept; INVALID_INPUT (code
     * {@code invalid_client_metadata}) when it is not a valid document or its host is not a public address.
     */
    ClientMetadataDocument fetch(URI clientId);
}
