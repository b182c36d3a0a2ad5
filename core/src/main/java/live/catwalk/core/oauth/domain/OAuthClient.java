package live.catwalk.core.oauth.domain;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import live.catwalk.core.account.domain.TokenHash;

/**
 * An MCP client known to the authorization server: its display name (1 to 200 characters, not blank), 1 to 20
 * distinct redirect URIs, how it authenticates and, exactly for the secret methods, the hash of its secret (never
 * the secret). A {@link ClientKind#REGISTERED} client has a generated id; a {@link ClientKind#METADATA_DOCUMENT}
 * one has a URL id and authenticates with {@link ClientAuthMethod#NONE}.
 */
public record OAuthClient(OAuthClientId id, String name, List<URI> redirectUris, ClientAuthMethod authMethod,
                          Optional<TokenHash> secretHash, ClientKind kind, Instant createdAt,
                          Optional<Instant> lastUsedAt) {

    /** The most redirect URIs a client may have. */
    public static final int MAX_REDIRECT_URIS = 20;

    public OAuthClient {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(redirectUris, "redirectUris");
        Objects.requireNonNull(authMethod, "authMethod");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastUsedAt, "lastUsedAt");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("a client name is 1-200 characters, not blank");
        }
        redirectUris = List.copyOf(redirectUris);
        if (redirectUris.isEmpty() || redirectUris.size() > MAX_REDIRECT_URIS
                || redirectUris.stream().distinct().count() != redirectUris.size()) {
            throw new IllegalArgumentException("a client has 1 to " + MAX_REDIRECT_URIS + " distinct redirect URIs");
        }
        redirectUris.forEach(uri -> Uris.checked(uri, "redirect URI"));
        if (secretHash.isPresent() != authMethod.usesSecret()) {
            throw new IllegalArgumentException("a client has a secret hash exactly when its method uses a secret");
        }
        if (id.isMetadataDocument() != (kind == ClientKind.METADATA_DOCUMENT)) {
            throw new IllegalArgumentException("a metadata-document client, and only one, has a URL as its id");
        }
        if (kind == ClientKind.METADATA_DOCUMENT && authMethod != ClientAuthMethod.NONE) {
            throw new IllegalArgumentException("a metadata-document client authenticates with none");
        }
    }

    /** This client with {@code lastUsedAt} set to {@code at}. */
    public OAuthClient usedAt(Instant at) {
        return new OAuthClient(id, name, redirectUris, authMethod, secretHash, kind, createdAt, Optional.of(at));
    }
}
