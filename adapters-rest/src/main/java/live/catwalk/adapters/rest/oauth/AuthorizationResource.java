package live.catwalk.adapters.rest.oauth;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import live.catwalk.adapters.rest.api.Cookies;
import live.catwalk.adapters.rest.api.SessionResource;
import live.catwalk.core.account.domain.BrowserSession;
import live.catwalk.core.account.domain.Principal;
import live.catwalk.core.account.port.in.BrowserSessions;
import live.catwalk.core.account.port.in.SignInWithGitHub;
import live.catwalk.core.oauth.port.in.Authorize.Outcome;
import live.catwalk.core.oauth.port.in.Authorize;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.domain.DeploymentId;

/**
 * {@code /authorize}: the authorization endpoint. A person who is not signed in is sent to the dashboard's sign-in
 * page, which brings them back; when GitHub sign-in is set up they first see Catwalk's consent page, and allowing
 * there ({@code POST /authorize/github}, CSRF-checked against a cookie) is what sends them to GitHub. A signed-in person sees Catwalk's consent page (which application, where its answer
 * goes, which deployment, which scopes) and answers it with a form protected by the session's CSRF token. Every
 * parameter is checked again on the answer; the answer is a 303 to the client's redirect URI, or an error page when
 * the client or its redirect URI cannot be trusted.
 */
@Path("/authorize")
public final class AuthorizationResource {

    /** The parameters of an authorization request Catwalk reads; any other is ignored. */
    static final List<String> PARAMETERS = List.of("response_type", "client_id", "redirect_uri", "state",
            "code_challenge", "code_challenge_method", "resource", "scope");
    /** The longest value a parameter may have. */
    static final int MAX_VALUE = 4000;

    /** The cookie whose value the consent page before sign-in must send back (double-submit CSRF). */
    static final String CONSENT_COOKIE = "catwalk_consent";

    private final Authorize authorize;
    private final BrowserSessions sessions;
    private final SignInWithGitHub github;
    private final BooleanSupplier secure;
    private final SecureRandom random = new SecureRandom();

    public AuthorizationResource(Authorize authorize, BrowserSessions sessions, SignInWithGitHub github,
                                 BooleanSupplier secure) {
        this.authorize = Objects.requireNonNull(authorize, "authorize");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.github = Objects.requireNonNull(github, "github");
        this.secure = Objects.requireNonNull(secure, "secure");
    }

    @GET
    public Response review(@Context UriInfo uri, @Context HttpHeaders headers) {
        MultivaluedMap<String, String> parameters = uri.getQueryParameters();
        Optional<Response> bad = malformed(parameters);
        if (bad.isPresent()) {
            return bad.get();
        }
        Optional<String> secret = SessionResource.secret(headers.getCookies());
        Optional<Principal> caller = secret.flatMap(sessions::authenticate);
        if (caller.isEmpty()) {
            String query = uri.getRequestUri().getRawQuery();
            URI signIn = GitHubSignInResource.signInPage("/authorize" + (query == null ? "" : "?" + query));
            if (github.enabled()) {
                return beforeSignIn(parameters, signIn);
            }
            return Response.seeOther(signIn).header("Cache-Control", "no-store").build();
        }
        Outcome outcome = authorize.review(caller.get(), request(parameters));
        return switch (outcome) {
            case Outcome.Consent consent -> ConsentPage.render(consent, parameters,
                    BrowserSession.csrfFor(secret.get()));
            case Outcome.Redirect redirect -> redirected(redirect);
            case Outcome.Refused refused -> ConsentPage.refused(refused);
        };
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(MultivaluedMap<String, String> form, @Context HttpHeaders headers) {
        if (form == null) {
            return ConsentPage.problem(400, "The answer to the consent page is missing.");
        }
        Optional<Response> bad = malformed(form);
        if (bad.isPresent()) {
            return bad.get();
        }
        Optional<String> secret = SessionResource.secret(headers.getCookies());
        Optional<Principal> caller = secret.flatMap(sessions::authenticate);
        if (caller.isEmpty()) {
            return ConsentPage.problem(401, "Your session has ended. Sign in to Catwalk and start again from the "
                    + "application.");
        }
        if (!same(form.getFirst("csrf"), Optional.of(BrowserSession.csrfFor(secret.get())))) {
            return ConsentPage.problem(403, "This answer did not come from Catwalk's consent page. Start again from "
                    + "the application.");
        }
        String decision = form.getFirst("decision");
        if (!"allow".equals(decision) && !"deny".equals(decision)) {
            return ConsentPage.problem(400, "Answer with Allow or Deny.");
        }
        Optional<DeploymentId> deployment;
        try {
            deployment = Optional.ofNullable(form.getFirst("deployment")).filter(d -> !d.isEmpty())
                    .map(DeploymentId::new);
        } catch (IllegalArgumentException e) {
            return ConsentPage.problem(400, "That is not a deployment.");
        }
        Outcome outcome = authorize.decide(caller.get(), request(form),
                new Authorize.Answer("allow".equals(decision), deployment));
        return switch (outcome) {
            case Outcome.Redirect redirect -> redirected(redirect);
            case Outcome.Refused refused -> ConsentPage.refused(refused);
            case Outcome.Consent consent -> ConsentPage.problem(400, "Choose the deployment the application may use.");
        };
    }

    /** Catwalk's consent before sign-in, with a fresh CSRF value in a cookie that only this site can send back. */
    private Response beforeSignIn(MultivaluedMap<String, String> parameters, URI signIn) {
        return switch (authorize.preview(request(parameters))) {
            case Outcome.Consent consent -> {
                byte[] bytes = new byte[24];
                random.nextBytes(bytes);
                String csrf = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                yield Response.fromResponse(ConsentPage.beforeSignIn(consent, parameters, csrf, signIn.toString(),
                        github.site())).header(HttpHeaders.SET_COOKIE, Cookies.set(secure.getAsBoolean(),
                        CONSENT_COOKIE, csrf, Cookies.GITHUB_STATE_SECONDS, "Strict")).build();
            }
            case Outcome.Redirect redirect -> redirected(redirect);
            case Outcome.Refused refused -> ConsentPage.refused(refused);
        };
    }

    /** The answer to the consent page before sign-in: allowed, the request goes to GitHub and on from there. */
    @POST
    @Path("github")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response allowAndSignIn(MultivaluedMap<String, String> form, @Context HttpHeaders headers) {
        if (form == null) {
            return ConsentPage.problem(400, "The answer to the consent page is missing.");
        }
        Optional<Response> bad = malformed(form);
        if (bad.isPresent()) {
            return bad.get();
        }
        if (!same(form.getFirst("csrf"), Cookies.get(headers.getCookies(), CONSENT_COOKIE))) {
            return ConsentPage.problem(403, "This answer did not come from Catwalk's consent page, or the page is "
                    + "older than ten minutes. Start again from the application.");
        }
        if (!"allow".equals(form.getFirst("decision"))) {
            return ConsentPage.problem(400, "Answer with Allow.");
        }
        return switch (authorize.preview(request(form))) {
            case Outcome.Consent consent -> {
                try {
                    yield GitHubSignInResource.toGitHub(github.start(Optional.empty(),
                            GitHubSignInResource.AUTHORIZE + query(form)), secure.getAsBoolean());
                } catch (CatwalkException e) {
                    yield ConsentPage.problem(404, e.getMessage());
                }
            }
            case Outcome.Redirect redirect -> redirected(redirect);
            case Outcome.Refused refused -> ConsentPage.refused(refused);
        };
    }

    /** The 303 on to the client's redirect URI, never cached. */
    private static Response redirected(Outcome.Redirect redirect) {
        return Response.seeOther(redirect.location()).header("Cache-Control", "no-store").build();
    }

    /** Whether the CSRF value a form {@code sent} is the {@code expected} one (compared in constant time). */
    private static boolean same(String sent, Optional<String> expected) {
        return sent != null && expected.isPresent() && MessageDigest.isEqual(
                expected.get().getBytes(StandardCharsets.US_ASCII), sent.getBytes(StandardCharsets.US_ASCII));
    }

    /** The authorization request's own parameters of {@code p}, as a query string. */
    private static String query(MultivaluedMap<String, String> p) {
        StringBuilder q = new StringBuilder();
        for (String name : PARAMETERS) {
            String value = p.getFirst(name);
            if (value != null) {
                q.append(q.isEmpty() ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }

    static Authorize.Request request(MultivaluedMap<String, String> p) {
        return new Authorize.Request(p.getFirst("response_type"), p.getFirst("client_id"), p.getFirst("redirect_uri"),
                p.getFirst("state"), p.getFirst("code_challenge"), p.getFirst("code_challenge_method"),
                p.getFirst("resource"), p.getFirst("scope"));
    }

    /** A parameter sent twice or too long is refused outright (RFC 6749 §3.1), with a page and no redirect. */
    private static Optional<Response> malformed(MultivaluedMap<String, String> p) {
        for (Map.Entry<String, List<String>> e : p.entrySet()) {
            if (!PARAMETERS.contains(e.getKey()) && !List.of("csrf", "decision", "deployment").contains(e.getKey())) {
                continue;
            }
            if (e.getValue().size() > 1) {
                return Optional.of(ConsentPage.problem(400, "The parameter " + e.getKey() + " is sent more than once."));
            }
            if (e.getValue().getFirst().length() > MAX_VALUE) {
                return Optional.of(ConsentPage.problem(400, "The parameter " + e.getKey() + " is longer than "
                        + MAX_VALUE + " characters."));
            }
        }
        return Optional.empty();
    }
}
