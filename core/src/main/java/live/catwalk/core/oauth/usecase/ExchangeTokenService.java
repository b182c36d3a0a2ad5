package live.catwalk.core.oauth.usecase;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.Set;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.oauth.domain.AuthorizationCode;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthLifetimes;
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.oauth.domain.OAuthToken;
import live.catwalk.core.oauth.domain.OAuthTokenKind;
import live.catwalk.core.oauth.domain.Pkce;
import live.catwalk.core.oauth.domain.Redemption;
import live.catwalk.core.oauth.domain.Rotation;
import live.catwalk.core.oauth.domain.ScopePolicy;
import live.catwalk.core.oauth.domain.TokenError;
import live.catwalk.core.oauth.port.in.ExchangeToken;
import live.catwalk.core.oauth.port.out.OAuthStore;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.TelemetryEvent;
import live.catwalk.core.shared.port.out.Randomness;
import live.catwalk.core.shared.port.out.Telemetry;

/**
 * The token endpoint over the {@link OAuthStore}: the store makes redemption and rotation single-use, so checks that
 * need the code run after it is consumed (a failed exchange still uses the code up), while a refresh token is checked
 * for its client, scope and resource before it is rotated (a bad request does not cost the client its session).
 * Tokens from a code carry that code's hash, and so do their rotations, so that a replay revokes them all. Each
 * answer is reported to {@link Telemetry} by grant type and outcome.
 */
public final class ExchangeTokenService implements ExchangeToken {

    static final String AUTHORIZATION_CODE = "authorization_code";
    static final String REFRESH_TOKEN = "refresh_token";

    private static final String BAD_CODE = "The authorization code is invalid, expired or already used.";
    private static final String BAD_REFRESH = "The refresh token is invalid, expired or revoked.";
    private static final String GRANT_GONE = "The authorization was revoked.";

    private final OAuthStore store;
    private final ResourceParameter resources;
    private final ClientAuthentication clients;
    private final TokenIssuer issuer;
    private final Clock clock;
    private final Telemetry telemetry;

    /** {@code publicBase}: Catwalk's public URI (absolute http(s), ending in {@code /}) on which resources live. */
    public ExchangeTokenService(OAuthStore store, URI publicBase, OAuthLifetimes lifetimes, Randomness randomness,
                                Clock clock) {
        this(store, new ResourceParameter(publicBase), lifetimes, randomness, clock, Telemetry.NONE);
    }

    /** As above, with the public URI read at each request (a server bound to port 0 knows it only once bound). */
    public ExchangeTokenService(OAuthStore store, Supplier<URI> publicBase, OAuthLifetimes lifetimes,
                                Randomness randomness, Clock clock) {
        this(store, new ResourceParameter(publicBase), lifetimes, randomness, clock, Telemetry.NONE);
    }

    /** As above, each answer reported to {@code telemetry}. */
    public ExchangeTokenService(OAuthStore store, Supplier<URI> publicBase, OAuthLifetimes lifetimes,
                                Randomness randomness, Clock clock, Telemetry telemetry) {
        this(store, new ResourceParameter(publicBase), lifetimes, randomness, clock, telemetry);
    }

    private ExchangeTokenService(OAuthStore store, ResourceParameter resources, OAuthLifetimes lifetimes,
                                 Randomness randomness, Clock clock, Telemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.store = Objects.requireNonNull(store, "store");
        this.resources = resources;
        this.clients = new ClientAuthentication(store, clock);
        this.issuer = new TokenIssuer(store, lifetimes, randomness);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Result exchange(Command command) {
        Objects.requireNonNull(command, "command");
        Result result = answer(command);
        telemetry.record(new TelemetryEvent.OAuthToken(TelemetryEvent.OAuthToken.grantTypeLabel(command.grantType()),
                result instanceof Result.Refused refused ? refused.error().code() : TelemetryEvent.OAuthToken.ISSUED));
        return result;
    }

    private Result answer(Command command) {
        OAuthClient client;
        switch (clients.authenticate(command.client())) {
            case ClientAuthentication.Outcome.Failed failed -> {
                return refused(TokenError.INVALID_CLIENT, failed.description());
            }
            case ClientAuthentication.Outcome.Authenticated authenticated -> client = authenticated.client();
        }
        if (absent(command.grantType())) {
            return missing(List.of("grant_type"));
        }
        return switch (command.grantType()) {
            case AUTHORIZATION_CODE -> redeem(command, client);
            case REFRESH_TOKEN -> refresh(command, client);
            default -> refused(TokenError.UNSUPPORTED_GRANT_TYPE,
                    "The grant_type must be authorization_code or refresh_token.");
        };
    }

    private Result redeem(Command command, OAuthClient client) {
        Map<String, String> required = new LinkedHashMap<>();
        required.put("code", command.code());
        required.put("redirect_uri", command.redirectUri());
        required.put("code_verifier", command.codeVerifier());
        List<String> missing = missingOf(required);
        if (!missing.isEmpty()) {
            return missing(missing);
        }
        if (!absent(command.resource()) && !resources.namesADeployment(command.resource())) {
            return refused(TokenError.INVALID_TARGET, "The resource is not one of Catwalk's MCP endpoints.");
        }
        if (!OAuthSecret.CODE.matches(command.code())) {
            return refused(TokenError.INVALID_GRANT, BAD_CODE);
        }
        Instant now = clock.instant();
        return switch (store.redeemCode(TokenHash.of(command.code()), now)) {
            case Redemption.Redeemed redeemed -> issueFor(redeemed.code(), command, client, now);
            case Redemption.Replayed replayed -> {
                store.revokeTokensFromCode(replayed.code().hash(), now);
                yield refused(TokenError.INVALID_GRANT, BAD_CODE);
            }
            case Redemption.Expired expired -> refused(TokenError.INVALID_GRANT, BAD_CODE);
            case Redemption.Unknown unknown -> refused(TokenError.INVALID_GRANT, BAD_CODE);
        };
    }

    private Result issueFor(AuthorizationCode code, Command command, OAuthClient client, Instant now) {
        Optional<Grant> grant = store.findGrant(code.grant());
        if (grant.isEmpty() || !grant.get().client().equals(client.id())) {
            return refused(TokenError.INVALID_GRANT, "The authorization code was not issued to this client.");
        }
        if (!code.redirectUri().toString().equals(command.redirectUri())) {
            return refused(TokenError.INVALID_GRANT,
                    "The redirect_uri is not the one the authorization request named.");
        }
        if (!Pkce.verifies(command.codeVerifier(), code.codeChallenge())) {
            return refused(TokenError.INVALID_GRANT, "The code_verifier does not match the code_challenge (S256).");
        }
        if (!absent(command.resource()) && !resources.names(command.resource(), code.resource())) {
            return refused(TokenError.INVALID_TARGET, "The resource is not the one the authorization was for.");
        }
        if (!grant.get().isLive()) {
            return refused(TokenError.INVALID_GRANT, GRANT_GONE);
        }
        return issue(grant.get(), code.resource(), code.scopes(), code.scopes(), Optional.of(code.hash()), now);
    }

    private Result refresh(Command command, OAuthClient client) {
        if (absent(command.refreshToken())) {
            return missing(List.of("refresh_token"));
        }
        if (!OAuthSecret.REFRESH.matches(command.refreshToken())) {
            return refused(TokenError.INVALID_GRANT, BAD_REFRESH);
        }
        TokenHash hash = TokenHash.of(command.refreshToken());
        Instant now = clock.instant();
        Optional<OAuthToken> found = store.findToken(hash).filter(t -> t.kind() == OAuthTokenKind.REFRESH);
        if (found.isPresent()) {
            Optional<Grant> grant = store.findGrant(found.get().grant());
            if (grant.isEmpty() || !grant.get().client().equals(client.id())) {
                return refused(TokenError.INVALID_GRANT, "The refresh token was not issued to this client.");
            }
            if (found.get().isUsableAt(now)) {
                Optional<Result> invalid = checkRequest(command, found.get());
                if (invalid.isPresent()) {
                    return invalid.get();
                }
            }
        }
        return switch (store.useRefreshToken(hash, now)) {
            case Rotation.Rotated rotated -> rotate(rotated.token(), command, client, now);
            case Rotation.Reused reused -> {
                store.revokeGrant(reused.token().grant(), now);
                yield refused(TokenError.INVALID_GRANT, "The refresh token was used before; the authorization is "
                        + "revoked. Authorize again.");
            }
            case Rotation.Revoked revoked -> refused(TokenError.INVALID_GRANT, BAD_REFRESH);
            case Rotation.Expired expired -> refused(TokenError.INVALID_GRANT, BAD_REFRESH);
            case Rotation.Unknown unknown -> refused(TokenError.INVALID_GRANT, BAD_REFRESH);
        };
    }

    /** A refresh request's scope may only narrow the token's, and its resource must be the token's. */
    private Optional<Result> checkRequest(Command command, OAuthToken token) {
        if (!token.scopes().containsAll(narrowed(command.scope(), token))) {
            return Optional.of(refused(TokenError.INVALID_SCOPE, "The scope may only narrow what was granted ("
                    + ScopePolicy.joined(token.scopes()) + ")."));
        }
        if (!absent(command.resource()) && !resources.names(command.resource(), token.resource())) {
            return Optional.of(refused(TokenError.INVALID_TARGET,
                    "The resource is not the one the refresh token is for."));
        }
        return Optional.empty();
    }

    private Result rotate(OAuthToken used, Command command, OAuthClient client, Instant now) {
        Optional<Grant> grant = store.findGrant(used.grant());
        if (grant.isEmpty() || !grant.get().client().equals(client.id()) || !grant.get().isLive()) {
            return refused(TokenError.INVALID_GRANT, GRANT_GONE);
        }
        // RFC 6749 §6: the new refresh token keeps the old one's scope; only the access token narrows.
        return issue(grant.get(), used.resource(), narrowed(command.scope(), used), used.scopes(), used.fromCode(),
                now);
    }

    /** The scopes a refresh asks for: the token's when none are named; unknown names ignored, as at authorization. */
    private static Set<String> narrowed(String scope, OAuthToken token) {
        return absent(scope) ? token.scopes() : ScopePolicy.granted(scope);
    }

    private Result issue(Grant grant, URI resource, Set<String> accessScopes, Set<String> refreshScopes,
                         Optional<TokenHash> fromCode, Instant now) {
        try {
            Result issued = issuer.issue(grant.id(), resource, accessScopes, refreshScopes, fromCode, now);
            store.touchGrant(grant.id(), now);
            return issued;
        } catch (CatwalkException e) {
            if (e.kind() == CatwalkException.Kind.CONFLICT || e.kind() == CatwalkException.Kind.NOT_FOUND) {
                return refused(TokenError.INVALID_GRANT, GRANT_GONE);
            }
            throw e;
        }
    }

    private static boolean absent(String parameter) {
        return parameter == null || parameter.isEmpty();
    }

    private static List<String> missingOf(Map<String, String> parameters) {
        List<String> missing = new ArrayList<>();
        parameters.forEach((name, value) -> {
            if (absent(value)) {
                missing.add(name);
            }
        });
        return missing;
    }

    private static Result missing(List<String> names) {
        return refused(TokenError.INVALID_REQUEST, (names.size() == 1 ? "Missing parameter: " : "Missing parameters: ")
                + String.join(", ", names) + ".");
    }

    private static Result refused(TokenError error, String description) {
        return new Result.Refused(error, description);
    }
}
