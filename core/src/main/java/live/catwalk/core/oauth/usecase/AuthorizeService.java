package live.catwalk.core.oauth.usecase;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.deployment.port.out.DeploymentRepository;
import live.catwalk.core.oauth.domain.AuthorizationCode;
import live.catwalk.core.oauth.domain.ClientMetadataDocument;
import live.catwalk.core.oauth.domain.Grant;
import live.catwalk.core.oauth.domain.GrantId;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthLifetimes;
import live.catwalk.core.oauth.domain.OAuthSecret;
import live.catwalk.core.oauth.domain.Pkce;
import live.catwalk.core.oauth.domain.RedirectUris;
import live.catwalk.core.oauth.domain.ResourceUris;
import live.catwalk.core.oauth.domain.ScopePolicy;
import live.catwalk.core.oauth.port.in.Authorize;
import live.catwalk.core.oauth.port.out.ClientMetadataDocuments;
import live.catwalk.core.oauth.port.out.OAuthStore;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.DeploymentId;
import live.catwalk.core.shared.domain.TelemetryEvent;
import live.catwalk.core.shared.port.out.Randomness;
import live.catwalk.core.shared.port.out.Telemetry;

/**
 * Checks authorization requests in the order that keeps redirects safe: the client and its redirect URI first (a
 * failure there is a page, never a redirect), then the rest (a failure is an error on the redirect URI). A user may
 * grant a client only a deployment of their own. An allowed request stores (or reuses) the user's grant to the
 * client for that deployment and a single-use code bound to the client, redirect URI, PKCE challenge, resource and
 * scopes; only the code's hash is stored. Each consent answered (allowed: a code; or denied) is reported to
 * {@link Telemetry}.
 */
public final class AuthorizeService implements Authorize {

    /** At most this many of the user's deployments are offered when the request names none. */
    static final int MAX_CHOICES = 100;
    /** A {@code state} longer than this is refused (it comes back in a URL). */
    static final int MAX_STATE = 1000;

    private final Clients clients;
    private final OAuthStore store;
    private final DeploymentRepository deployments;
    private final Randomness randomness;
    private final Clock clock;
    private final Supplier<URI> issuer;
    private final OAuthLifetimes lifetimes;
    private final Telemetry telemetry;

    /**
     * {@code issuer} gives Catwalk's public base URL (ending in {@code /}, read at each request: it may be known only
     * once the server is bound), whose {@code mcp/<id>} are the resources.
     */
    public AuthorizeService(OAuthStore store, ClientMetadataDocuments documents, DeploymentRepository deployments,
                            Randomness randomness, Clock clock, Supplier<URI> issuer, OAuthLifetimes lifetimes) {
        this(store, documents, deployments, randomness, clock, issuer, lifetimes, Telemetry.NONE);
    }

    /** As above, each consent answered reported to {@code telemetry}. */
    public AuthorizeService(OAuthStore store, ClientMetadataDocuments documents, DeploymentRepository deployments,
                            Randomness randomness, Clock clock, Supplier<URI> issuer, OAuthLifetimes lifetimes,
                            Telemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.store = Objects.requireNonNull(store, "store");
        this.clients = new Clients(store, documents, clock);
        this.deployments = Objects.requireNonNull(deployments, "deployments");
        this.randomness = Objects.requireNonNull(randomness, "randomness");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.lifetimes = Objects.requireNonNull(lifetimes, "lifetimes");
    }

    private URI base() {
        URI base = issuer.get();
        if (!base.toString().endsWith("/")) {
            throw new IllegalStateException("the issuer's base URL ends in /: " + base);
        }
        return base;
    }

    @Override
    public Outcome review(Principal caller, Request request) {
        return checked(caller, request).fold();
    }

    @Override
    public Outcome preview(Request request) {
        return checked(null, request).fold();
    }

    @Override
    public Outcome decide(Principal caller, Request request, Answer answer) {
        Checked checked = checked(caller, request);
        if (checked.outcome != null) {
            return checked.outcome;
        }
        Valid valid = checked.valid;
        if (!answer.allow()) {
            telemetry.record(new TelemetryEvent.OAuthConsent(false));
            return error(valid, "access_denied", "The user denied the request.");
        }
        Optional<DeploymentId> named = valid.deployment.map(Authorize.Target::id);
        if (named.isPresent() && answer.deployment().isPresent() && !answer.deployment().equals(named)) {
            return new Outcome.Refused("invalid_request", "The answer names another deployment than the request.");
        }
        Optional<DeploymentId> chosen = named.or(answer::deployment);
        if (chosen.isEmpty()) {
            return new Outcome.Refused("invalid_request", "Choose the deployment the application may use.");
        }
        Optional<Deployment> deployment = owned(caller, chosen.get());
        if (deployment.isEmpty()) {
            return new Outcome.Refused("invalid_target", "You have no such deployment.");
        }
        Instant now = clock.instant();
        Grant grant = store.liveGrant(caller.user(), valid.client.id(), chosen.get()).orElseGet(() -> {
            Grant created = new Grant(new GrantId(randomness.uuid()), caller.user(), valid.client.id(), chosen.get(),
                    valid.scopes, now, Optional.empty(), Optional.empty());
            store.insertGrant(created);
            return created;
        });
        String code = OAuthSecret.CODE.mint(randomness.secret());
        store.insertCode(new AuthorizationCode(TokenHash.of(code), grant.id(), valid.redirectUri, valid.challenge,
                ResourceUris.of(base(), chosen.get()), valid.scopes, now.plus(lifetimes.code()), Optional.empty()));
        store.touchClient(valid.client.id(), now);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("code", code);
        if (valid.state != null) {
            parameters.put("state", valid.state);
        }
        parameters.put("iss", ResourceUris.issuer(base()));
        telemetry.record(new TelemetryEvent.OAuthConsent(true));
        return new Outcome.Redirect(withQuery(valid.redirectUri, parameters));
    }

    /** The request's parts once checked, or how it ends. */
    private record Checked(Valid valid, Outcome outcome) {
        Outcome fold() {
            if (outcome != null) {
                return outcome;
            }
            return new Outcome.Consent(valid.client, valid.redirectUri, valid.deployment, valid.choices, valid.scopes,
                    valid.client.redirectUris().stream().allMatch(u -> u.getHost() != null
                            && ClientMetadataDocument.isLoopbackHost(u.getHost())));
        }
    }

    private record Valid(OAuthClient client, URI redirectUri, String state, String challenge,
                         Optional<Authorize.Target> deployment, List<Authorize.Target> choices,
                         Set<String> scopes) {
    }

    /** The request checked for {@code caller}, or for nobody yet (null: a preview) without looking at ownership. */
    private Checked checked(Principal caller, Request request) {
        OAuthClient client;
        try {
            client = clients.resolve(request.clientId());
        } catch (CatwalkException e) {
            return refused(e.code(), e.getMessage() + e.hint().map(h -> " " + h).orElse(""));
        }
        URI redirectUri;
        if (request.redirectUri() == null) {
            if (client.redirectUris().size() != 1) {
                return refused("invalid_request", "The request names no redirect_uri, and the application has several.");
            }
            redirectUri = client.redirectUris().getFirst();
        } else {
            Optional<URI> parsed = ClientMetadataDocument.redirectUri(request.redirectUri());
            if (parsed.isEmpty() || !RedirectUris.registered(client.redirectUris(), parsed.get())) {
                return refused("invalid_request", "The redirect_uri is not one the application registered.");
            }
            redirectUri = parsed.get();
        }
        String state = request.state();
        if (state != null && (state.length() > MAX_STATE || state.chars().anyMatch(Character::isISOControl))) {
            return refused("invalid_request", "The state parameter is longer than " + MAX_STATE
                    + " characters or holds control characters.");
        }
        // From here on the redirect URI is the client's own: errors go back to it.
        Valid partial = new Valid(client, redirectUri, state, null, Optional.empty(), List.of(), Set.of());
        if (!"code".equals(request.responseType())) {
            return new Checked(null, error(partial, request.responseType() == null ? "invalid_request"
                    : "unsupported_response_type", "The response_type must be code."));
        }
        String challenge;
        try {
            challenge = Pkce.challenge(request.codeChallenge(), request.codeChallengeMethod());
        } catch (CatwalkException e) {
            return new Checked(null, error(partial, "invalid_request", e.getMessage()));
        }
        Optional<Authorize.Target> deployment = Optional.empty();
        List<Authorize.Target> choices = List.of();
        if (request.resource() != null && caller == null) {
            Optional<DeploymentId> named = ResourceUris.deployment(base(), request.resource());
            if (named.isEmpty()) {
                return new Checked(null, error(partial, "invalid_target",
                        "The resource is not a deployment on this Catwalk."));
            }
            deployment = named.map(id -> new Authorize.Target(id, id.value()));
        } else if (request.resource() != null) {
            Optional<Deployment> named = ResourceUris.deployment(base(), request.resource())
                    .flatMap(id -> owned(caller, id));
            if (named.isEmpty()) {
                return new Checked(null, error(partial, "invalid_target",
                        "The resource is not a deployment of yours on this Catwalk."));
            }
            deployment = named.map(AuthorizeService::shown);
        } else if (caller != null) {
            choices = deployments.listByOwner(caller.user(), 0, MAX_CHOICES).stream().map(AuthorizeService::shown)
                    .toList();
        }
        return new Checked(new Valid(client, redirectUri, state, challenge, deployment, choices,
                ScopePolicy.granted(request.scope())), null);
    }

    private Optional<Deployment> owned(Principal caller, DeploymentId id) {
        return deployments.find(id).filter(d -> d.owner().equals(caller.user()));
    }

    private static Authorize.Target shown(Deployment d) {
        return new Authorize.Target(d.id(), d.spec().name());
    }

    private static Checked refused(String error, String description) {
        return new Checked(null, new Outcome.Refused(error, description));
    }

    private Outcome error(Valid valid, String error, String description) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("error", error);
        parameters.put("error_description", description);
        if (valid.state != null) {
            parameters.put("state", valid.state);
        }
        parameters.put("iss", ResourceUris.issuer(base()));
        return new Outcome.Redirect(withQuery(valid.redirectUri, parameters));
    }

    /** {@code uri} with these parameters added to its query (its own kept), form-encoded. */
    static URI withQuery(URI uri, Map<String, String> parameters) {
        List<String> pairs = new ArrayList<>();
        parameters.forEach((k, v) -> pairs.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        String added = String.join("&", pairs);
        String s = uri.toString();
        String query = uri.getRawQuery();
        return URI.create(query == null || query.isEmpty() ? s + "?" + added : s + "&" + added);
    }
}
