package live.catwalk.core.oauth.usecase;

import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.oauth.domain.ClientAuthMethod;
import live.catwalk.core.oauth.domain.ClientKind;
import live.catwalk.core.oauth.domain.ClientMetadataDocument;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.oauth.port.out.ClientMetadataDocuments;
import live.catwalk.core.oauth.port.out.OAuthStore;
import live.catwalk.core.shared.CatwalkException;

/**
 * Finds the client an authorization request names: a registered one in the store, or the one a metadata document
 * URL describes, fetched (or taken from the fetcher's cache) and stored, so that the token endpoint knows it too.
 */
final class Clients {

    private final OAuthStore store;
    private final ClientMetadataDocuments documents;
    private final Clock clock;

    Clients(OAuthStore store, ClientMetadataDocuments documents, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The client, or a {@link CatwalkException} whose message a person can read: unknown (NOT_FOUND), a malformed
     * id or unusable document (INVALID_INPUT), a document that cannot be fetched (UPSTREAM_UNAVAILABLE).
     */
    OAuthClient resolve(String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            throw CatwalkException.invalidInput("client_id", "The request names no client_id.", null)
                    .withCode("invalid_request");
        }
        if (clientId.startsWith("https://")) {
            URI url = ClientMetadataDocument.checkClientId(clientId);
            ClientMetadataDocument document = documents.fetch(url);
            OAuthClientId id = new OAuthClientId(url.toString());
            Optional<OAuthClient> known = store.findClient(id);
            OAuthClient client = new OAuthClient(id, document.clientName(), document.redirectUris(),
                    ClientAuthMethod.NONE, Optional.empty(), ClientKind.METADATA_DOCUMENT,
                    known.map(OAuthClient::createdAt).orElse(clock.instant()),
                    known.flatMap(OAuthClient::lastUsedAt));
            if (known.isEmpty() || !known.get().equals(client)) {
                store.saveClient(client);
            }
            return client;
        }
        OAuthClientId id;
        try {
            id = new OAuthClientId(clientId);
        } catch (IllegalArgumentException e) {
            throw unknown();
        }
        return store.findClient(id).orElseThrow(Clients::unknown);
    }

    private static CatwalkException unknown() {
        return CatwalkException.notFound("Catwalk knows no such client.").withCode("invalid_client")
                .withHint("The application must register again (or use its metadata document URL as client_id).");
    }
}
