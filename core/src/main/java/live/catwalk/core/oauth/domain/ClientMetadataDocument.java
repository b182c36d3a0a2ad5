package live.catwalk.core.oauth.domain;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.shared.CatwalkException;

/**
 * An MCP client's Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document, as MCP pins it): the
 * JSON a client publishes at the https URL that is its {@code client_id}. Built only through {@link #of}, which
 * applies the document's rules; the client authenticates with nothing ({@code none}), as a public client.
 *
 * @param clientId the URL the document was fetched from, equal to the document's own {@code client_id}
 * @param clientName what the consent page shows
 * @param redirectUris where an authorization may send its code: https, or http on a loopback host
 * @param clientUri the client's home page, if given (shown, never fetched)
 */
public record ClientMetadataDocument(URI clientId, String clientName, List<URI> redirectUris,
                                     Optional<URI> clientUri) {

    /** Bounds on what a document may hold: it is untrusted input. */
    public static final int MAX_URL = 2000;
    public static final int MAX_NAME = 200;
    public static final int MAX_REDIRECT_URIS = 20;

    /** Authentication methods that need a shared secret, which a metadata document must not use. */
    private static final Set<String> SECRET_METHODS = Set.of("client_secret_post", "client_secret_basic",
            "client_secret_jwt");

    public ClientMetadataDocument {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientName, "clientName");
        redirectUris = List.copyOf(redirectUris);
        Objects.requireNonNull(clientUri, "clientUri");
    }

    /**
     * Whether {@code clientId} may name a metadata document (CIMD §3): an {@link OAuthClientId} that is a document's
     * https URL, without a query. INVALID_INPUT (code {@code invalid_client}, field {@code client_id}) otherwise.
     */
    public static URI checkClientId(String clientId) {
        OAuthClientId id;
        try {
            id = new OAuthClientId(Objects.requireNonNullElse(clientId, ""));
        } catch (IllegalArgumentException e) {
            throw invalidClient("The client_id is not valid: " + e.getMessage() + ".");
        }
        URI uri = URI.create(id.value());
        if (!id.isMetadataDocument() || uri.getRawQuery() != null) {
            throw invalidClient("A metadata document's client_id is an https URL with a path and no query.");
        }
        return uri;
    }

    /**
     * The document fetched from {@code fetchedFrom}, from its fields as the JSON gave them ({@code null} where a
     * field was absent; lists of strings). INVALID_INPUT (code {@code invalid_client_metadata}) when the document's
     * {@code client_id} is not exactly the URL it came from, {@code client_name} or {@code redirect_uris} is missing
     * or out of bounds, a redirect URI is neither https nor loopback http (or has a fragment), or the document
     * claims a shared secret. Grant types and other fields Catwalk does not use are ignored.
     */
    public static ClientMetadataDocument of(URI fetchedFrom, String clientId, String clientName,
                                            List<String> redirectUris, String tokenEndpointAuthMethod,
                                            boolean hasClientSecret, String clientUri) {
        if (!fetchedFrom.toString().equals(clientId)) {
            throw invalidDocument("Its client_id is not the URL it was fetched from.");
        }
        if (clientName == null || clientName.isBlank() || clientName.length() > MAX_NAME
                || clientName.chars().anyMatch(Character::isISOControl)) {
            throw invalidDocument("It needs a client_name of 1 to " + MAX_NAME + " characters.");
        }
        if (hasClientSecret || tokenEndpointAuthMethod != null && SECRET_METHODS.contains(tokenEndpointAuthMethod)) {
            throw invalidDocument("A metadata document cannot use a shared secret.");
        }
        if (tokenEndpointAuthMethod != null && !tokenEndpointAuthMethod.equals("none")) {
            throw invalidDocument("Its token_endpoint_auth_method must be 'none'.");
        }
        if (redirectUris == null || redirectUris.isEmpty() || redirectUris.size() > MAX_REDIRECT_URIS) {
            throw invalidDocument("It needs 1 to " + MAX_REDIRECT_URIS + " redirect_uris.");
        }
        List<URI> uris = new ArrayList<>();
        for (String raw : redirectUris) {
            uris.add(redirectUri(raw).orElseThrow(() -> invalidDocument(
                    "Each redirect URI is https, or http on a loopback host, without a fragment.")));
        }
        Optional<URI> home = Optional.ofNullable(clientUri).flatMap(ClientMetadataDocument::httpsUrl);
        return new ClientMetadataDocument(fetchedFrom, clientName.strip(), uris, home);
    }

    /**
     * A redirect URI a client may register: ASCII, https with a host, or http on localhost or a loopback address; no
     * user info or fragment.
     */
    public static Optional<URI> redirectUri(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_URL) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw);
            if (uri.getRawFragment() != null || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !uri.toString().equals(uri.toASCIIString())) {
                return Optional.empty();
            }
            boolean https = "https".equals(uri.getScheme());
            boolean loopback = "http".equals(uri.getScheme()) && isLoopbackHost(uri.getHost());
            return https || loopback ? Optional.of(uri) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** {@code localhost}, {@code 127.x.x.x} or {@code [::1]}, as a redirect URI names a loopback host. */
    public static boolean isLoopbackHost(String host) {
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return h.equalsIgnoreCase("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    private static Optional<URI> httpsUrl(String raw) {
        if (raw.length() > MAX_URL) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(raw);
            return "https".equals(uri.getScheme()) && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static CatwalkException invalidClient(String message) {
        return CatwalkException.invalidInput("client_id", message, "A client_id is either one Catwalk issued at "
                + "registration or the https URL of the client's metadata document.").withCode("invalid_client");
    }

    private static CatwalkException invalidDocument(String message) {
        return CatwalkException.invalidInput("client_id", "The client's metadata document is not valid: " + message,
                null).withCode("invalid_client_metadata");
    }
}
