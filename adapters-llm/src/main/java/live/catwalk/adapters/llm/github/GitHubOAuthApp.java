package live.catwalk.adapters.llm.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import live.catwalk.adapters.llm.http.BoundedHttp;
import live.catwalk.core.account.domain.GitHubIdentity;
import live.catwalk.core.account.port.out.GitHubAccounts;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.CatwalkException;

/**
 * Catwalk's OAuth app at GitHub as {@link GitHubAccounts}, in GitHub's web flow: the authorization page on the web
 * host, the code exchanged there for an access token ({@code POST login/oauth/access_token}), then the account
 * ({@code GET user}) and, when asked, its organisations ({@code GET user/orgs}) read from the REST API with that
 * token. Every exchange goes through {@link BoundedHttp}: bounded in time and size, never redirected. The access
 * token lives only inside {@link #signedIn}; it, the code and the client secret never appear in a message, a hint or
 * a kept cause. Thread-safe.
 */
public final class GitHubOAuthApp implements GitHubAccounts {

    /** github.com, where people authorize Catwalk's app. */
    public static final URI WEB = URI.create("https://github.com/");
    /** GitHub's REST API. */
    public static final URI API = URI.create("https://api.github.com/");
    /** The most one exchange with GitHub may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** The largest token answer read. */
    public static final int MAX_TOKEN_BYTES = 16 * 1024;
    /** The largest account answer read. */
    public static final int MAX_USER_BYTES = 64 * 1024;
    /** The largest organisation list read. */
    public static final int MAX_ORGS_BYTES = 256 * 1024;
    /** The settings that hold the app's credentials, named in hints. */
    static final String ID_SETTING = "CATWALK_GITHUB_CLIENT_ID";
    static final String SECRET_SETTING = "CATWALK_GITHUB_CLIENT_SECRET";

    private static final String API_JSON = "application/vnd.github+json";
    private static final String API_VERSION = "2022-11-28";
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]+");
    private static final int MAX_CODE_LENGTH = 256;
    private static final int ORGS_PER_PAGE = 100;

    private final BoundedHttp tokens;
    private final BoundedHttp users;
    private final BoundedHttp orgs;
    private final URI web;
    private final URI api;
    private final String clientId;
    private final SecretValue clientSecret;

    /**
     * The app on {@code client} (which must not follow redirects), its authorization and token endpoints under
     * {@code web} and its API under {@code api} (each an http(s) base URL; a {@code /} is added when missing), each
     * exchange bounded by {@code timeout}. An empty {@code clientId} or {@code clientSecret} leaves it
     * {@linkplain #configured() unconfigured}.
     */
    public GitHubOAuthApp(HttpClient client, URI web, URI api, String clientId, SecretValue clientSecret,
                          Duration timeout) {
        this.tokens = new BoundedHttp(client, timeout, MAX_TOKEN_BYTES);
        this.users = new BoundedHttp(client, timeout, MAX_USER_BYTES);
        this.orgs = new BoundedHttp(client, timeout, MAX_ORGS_BYTES);
        this.web = BoundedHttp.baseUri(web);
        this.api = BoundedHttp.baseUri(api);
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    }

    /** The app on github.com and api.github.com, {@link #TIMEOUT} per exchange. */
    public GitHubOAuthApp(HttpClient client, String clientId, SecretValue clientSecret) {
        this(client, WEB, API, clientId, clientSecret, TIMEOUT);
    }

    @Override
    public boolean configured() {
        return !clientId.isEmpty() && !clientSecret.reveal().isEmpty();
    }

    /**
     * {@code login/oauth/authorize} with the client id, {@code redirectUri}, the {@code read:user} scope (and
     * {@code read:org} when {@code organisations}), {@code state}, and {@code allow_signup=false}: someone without a
     * GitHub account is not offered to create one on the way.
     */
    @Override
    public URI site() {
        return web;
    }

    @Override
    public URI authorizationUrl(String state, URI redirectUri, boolean organisations) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(redirectUri, "redirectUri");
        requireConfigured();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri.toString());
        query.put("scope", organisations ? "read:user read:org" : "read:user");
        query.put("state", state);
        query.put("allow_signup", "false");
        return URI.create(web + "login/oauth/authorize?" + form(query));
    }

    /**
     * Exchanges {@code code}, then reads {@code GET user}; with {@code organisations}, also the first page of
     * {@code GET user/orgs} (up to 100 organisations, which is enough to decide a sign-up: an
     * account in more than that is not read further). What GitHub answers is checked: a refused code is UNAUTHORIZED,
     * anything else unexpected UPSTREAM_UNAVAILABLE.
     */
    @Override
    public SignedIn signedIn(String code, URI redirectUri, boolean organisations) {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(redirectUri, "redirectUri");
        requireConfigured();
        if (code.isEmpty() || code.length() > MAX_CODE_LENGTH || !VISIBLE_ASCII.matcher(code).matches()) {
            throw refused("the code GitHub sent back is malformed");
        }
        String token = exchange(code, redirectUri);
        GitHubIdentity identity = identity(token);
        return new SignedIn(identity, organisations ? organisations(token) : Set.of());
    }

    /** The access token {@code code} is exchanged for; only ever held in a local variable. */
    private String exchange(String code, URI redirectUri) {
        URI uri = URI.create(web + "login/oauth/access_token");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("client_id", clientId);
        body.put("client_secret", clientSecret.reveal());
        body.put("code", code);
        body.put("redirect_uri", redirectUri.toString());
        HttpRequest request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(form(body)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("User-Agent", "catwalk").build();
        Function<String, CatwalkException> failure = what -> unavailable("GitHub's token endpoint " + what, uri);
        BoundedHttp.Answer answer = tokens.sendOnce(request, failure, false);
        if (answer.status() != 200) {
            throw failure.apply("answered HTTP " + answer.status());
        }
        JsonNode json;
        try {
            json = BoundedHttp.tree(answer.body(), failure);
        } catch (CatwalkException e) {
            // Without its cause: Jackson quotes the text it could not read, and that text may be the token.
            throw failure.apply("answered malformed JSON");
        }
        if (json == null || !json.isObject()) {
            throw failure.apply("answered JSON that is not an object");
        }
        if (json.has("error")) {
            throw refusal(json.path("error").asText(""), redirectUri, uri);
        }
        JsonNode token = json.path("access_token");
        if (!token.isTextual() || !VISIBLE_ASCII.matcher(token.textValue()).matches()) {
            // Checked here: the JDK's own refusal of a header value would quote the token.
            throw failure.apply("answered without a usable access token");
        }
        JsonNode type = json.path("token_type");
        if (!type.isMissingNode() && !"bearer".equalsIgnoreCase(type.asText(""))) {
            throw failure.apply("answered a token that is not a bearer token");
        }
        return token.textValue();
    }

    /** GitHub's refusal to give a token; {@code error} is its code, e.g. {@code bad_verification_code}. */
    private static CatwalkException refusal(String error, URI redirectUri, URI uri) {
        String shown = ERROR_CODE.matcher(error).matches() ? error : "an unknown error";
        return switch (shown) {
            case "bad_verification_code" -> refused("GitHub refused the sign-in code (" + shown
                    + "): it expired, was already used, or was issued for another app");
            case "unverified_user_email" -> refused("GitHub refused the sign-in (" + shown
                    + "): the GitHub account's primary email address is not verified")
                    .withHint("Verify the account's email address at GitHub, then sign in again.");
            case "incorrect_client_credentials" -> misconfigured("GitHub refused Catwalk's OAuth app credentials ("
                    + shown + ")", "Check " + ID_SETTING + " and " + SECRET_SETTING
                    + ": they must be the OAuth app's client id and one of its current client secrets.");
            case "redirect_uri_mismatch" -> misconfigured("GitHub refused the callback URL Catwalk sent (" + shown
                    + ")", "The OAuth app's authorization callback URL at GitHub must be Catwalk's public URL"
                    + " followed by /auth/github/callback; Catwalk sent " + BoundedHttp.shown(redirectUri) + ".");
            default -> unavailable("GitHub's token endpoint refused the sign-in (" + shown + ")", uri);
        };
    }

    private GitHubIdentity identity(String token) {
        URI uri = URI.create(api + "user");
        JsonNode user = read(users, uri, token);
        if (!user.isObject()) {
            throw unavailable("GitHub's API answered an account that is not a JSON object", uri);
        }
        JsonNode id = user.path("id");
        JsonNode login = user.path("login");
        if (!id.isIntegralNumber() || !id.canConvertToLong() || !login.isTextual()) {
            throw unavailable("GitHub's API answered an account without a numeric id and a login", uri);
        }
        try {
            return new GitHubIdentity(id.longValue(), login.textValue());
        } catch (IllegalArgumentException e) {
            throw unavailable("GitHub's API answered an account with an invalid id or login", uri).withCause(e);
        }
    }

    private Set<String> organisations(String token) {
        URI uri = URI.create(api + "user/orgs?per_page=" + ORGS_PER_PAGE);
        JsonNode list = read(orgs, uri, token);
        if (!list.isArray()) {
            throw unavailable("GitHub's API answered an organisation list that is not a JSON array", uri);
        }
        Set<String> logins = new LinkedHashSet<>();
        for (JsonNode org : list) {
            JsonNode login = org.path("login");
            if (!login.isTextual() || login.textValue().isEmpty()) {
                throw unavailable("GitHub's API answered an organisation without a login", uri);
            }
            logins.add(login.textValue());
        }
        return logins;
    }

    /** A JSON answer from the API, asked with {@code token}; anything but a 200 with JSON is unavailable. */
    private static JsonNode read(BoundedHttp http, URI uri, String token) {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().header("Accept", API_JSON)
                .header("X-GitHub-Api-Version", API_VERSION).header("User-Agent", "catwalk")
                .header("Authorization", "Bearer " + token).build();
        Function<String, CatwalkException> failure = what -> unavailable("GitHub's API " + what, uri);
        BoundedHttp.Answer answer = http.sendOnce(request, failure, false);
        if (answer.status() != 200) {
            throw failure.apply(answer.status() >= 500 ? "failed (HTTP " + answer.status() + ")"
                    : "answered HTTP " + answer.status());
        }
        JsonNode json = BoundedHttp.tree(answer.body(), failure);
        if (json == null) {
            throw failure.apply("answered no JSON");
        }
        return json;
    }

    private void requireConfigured() {
        if (!configured()) {
            throw new IllegalStateException("GitHub sign-in is not configured: it has no client id or secret");
        }
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(f -> URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static CatwalkException refused(String message) {
        return CatwalkException.of(CatwalkException.Kind.UNAUTHORIZED, message).withCode("github_sign_in_refused")
                .withHint("Sign in with GitHub again.");
    }

    private static CatwalkException misconfigured(String message, String hint) {
        return CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, message)
                .withCode("github_oauth_app_misconfigured").withHint(hint);
    }

    private static CatwalkException unavailable(String message, URI asked) {
        return CatwalkException.of(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, message)
                .withCode("github_unavailable")
                .withHint("Catwalk asked " + BoundedHttp.shown(asked) + "; check that this machine can reach it.");
    }
}
