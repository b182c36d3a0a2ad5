package live.catwalk.core.oauth.usecase;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.oauth.domain.ClientAuthMethod;
import live.catwalk.core.oauth.domain.ClientKind;
import live.catwalk.core.oauth.domain.ClientMetadataDocument;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.oauth.port.in.RegisterClient;
import live.catwalk.core.oauth.port.out.OAuthStore;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.port.out.Randomness;

/**
 * RFC 7591 registration. Catwalk lets every client use both grants, so the grant types registered are the supported
 * ones among those asked for (both when none are named, though RFC 7591's default is the code grant alone), and a
 * registration must include {@code authorization_code}: without it no token can ever be had. Repeated redirect URIs
 * are registered once.
 */
public final class RegisterClientService implements RegisterClient {

    /** The name a client that gives none is shown under. */
    static final String DEFAULT_NAME = "MCP client";
    private static final List<String> GRANT_TYPES = List.of("authorization_code", "refresh_token");
    private static final String CODE = "code";
    private static final int MAX_NAME = 200;

    private final OAuthStore store;
    private final Randomness randomness;
    private final Clock clock;

    public RegisterClientService(OAuthStore store, Randomness randomness, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.randomness = Objects.requireNonNull(randomness, "randomness");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Registration register(Command command) {
        Objects.requireNonNull(command, "command");
        List<URI> redirectUris = redirectUris(command.redirectUris());
        ClientAuthMethod method = method(command.tokenEndpointAuthMethod());
        String name = name(command.clientName());
        List<String> grantTypes = grantTypes(command.grantTypes());
        List<String> responseTypes = responseTypes(command.responseTypes());

        OAuthClientId id = OAuthClientId.generated(randomness.secret());
        Optional<String> secret = method.usesSecret()
                ? Optional.of(OAuthSecret.CLIENT_SECRET.mint(randomness.secret())) : Optional.empty();
        Instant now = clock.instant();
        store.saveClient(new OAuthClient(id, name, redirectUris, method, secret.map(TokenHash::of),
                ClientKind.REGISTERED, now, Optional.empty()));
        return new Registration(id, now.getEpochSecond(), secret, redirectUris, ClientAuthentication.wireName(method),
                grantTypes, responseTypes, name);
    }

    private static List<URI> redirectUris(List<String> raw) {
        if (raw == null || raw.isEmpty() || raw.size() > OAuthClient.MAX_REDIRECT_URIS) {
            throw invalidRedirectUri("A registration needs 1 to " + OAuthClient.MAX_REDIRECT_URIS + " redirect_uris.");
        }
        Set<URI> uris = new LinkedHashSet<>();
        for (String each : raw) {
            URI uri = ClientMetadataDocument.redirectUri(each)
                    .filter(u -> u.toString().equals(u.toASCIIString()))
                    .orElseThrow(() -> invalidRedirectUri(
                            "Each redirect URI is https, or http on a loopback host, in ASCII and without a fragment."));
            uris.add(uri);
        }
        return List.copyOf(uris);
    }

    private static ClientAuthMethod method(String raw) {
        if (raw == null) {
            return ClientAuthMethod.CLIENT_SECRET_BASIC;
        }
        return Arrays.stream(ClientAuthMethod.values()).filter(m -> ClientAuthentication.wireName(m).equals(raw))
                .findFirst().orElseThrow(() -> invalidMetadata("token_endpoint_auth_method",
                        "The token_endpoint_auth_method must be none, client_secret_post or client_secret_basic."));
    }

    private static String name(String raw) {
        if (raw == null || raw.isBlank()) {
            return DEFAULT_NAME;
        }
        String name = raw.strip();
        if (name.length() > MAX_NAME || name.chars().anyMatch(Character::isISOControl)) {
            throw invalidMetadata("client_name",
                    "A client_name is at most " + MAX_NAME + " characters without control characters.");
        }
        return name;
    }

    private static List<String> grantTypes(List<String> raw) {
        if (raw == null) {
            return GRANT_TYPES;
        }
        List<String> supported = new ArrayList<>(GRANT_TYPES);
        supported.retainAll(raw);
        if (!supported.contains(GRANT_TYPES.getFirst())) {
            throw invalidMetadata("grant_types", "Catwalk issues tokens through the authorization_code grant (then "
                    + "refresh_token); the grant_types must include authorization_code.");
        }
        return List.copyOf(supported);
    }

    private static List<String> responseTypes(List<String> raw) {
        if (raw != null && !raw.contains(CODE)) {
            throw invalidMetadata("response_types", "Catwalk supports the response type code only.");
        }
        return List.of(CODE);
    }

    private static CatwalkException invalidRedirectUri(String message) {
        return CatwalkException.invalidInput("redirect_uris", message,
                "Register the URIs your client receives codes on, e.g. https://app.example/callback or "
                        + "http://127.0.0.1/callback.").withCode("invalid_redirect_uri");
    }

    private static CatwalkException invalidMetadata(String field, String message) {
        return CatwalkException.invalidInput(field, message, null).withCode("invalid_client_metadata");
    }
}
