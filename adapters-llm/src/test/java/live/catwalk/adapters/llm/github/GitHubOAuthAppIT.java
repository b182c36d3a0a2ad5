package live.catwalk.adapters.llm.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import live.catwalk.core.account.domain.GitHubIdentity;
import live.catwalk.core.account.port.out.GitHubAccounts.SignedIn;
import live.catwalk.core.credential.domain.SecretValue;
import live.catwalk.core.shared.CatwalkException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Catwalk's OAuth app against a WireMock GitHub (web host at its root, API under {@code /api/v3/}, as GitHub
 * Enterprise serves it): the authorization URL, the exchange and reads as GitHub answers them and as they are asked,
 * each refusal and failure, and that no failure ever shows the code, the client secret or the access token.
 */
class GitHubOAuthAppIT {

    @RegisterExtension
    static final WireMockExtension GITHUB = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).failOnUnmatchedRequests(false).build();

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String CLIENT_ID = "Ov23liCatwalkTest01";
    /** Characters a form must encode, and a marker no message may contain. */
    private static final String SECRET = "0f1e2d3cSECRETsecret+/=&";
    private static final String CODE = "c0de4f2aCODEcode";
    private static final String TOKEN = "gho_16C7e42F292c6912E7710c838347Ae178B4aTOKEN";
    private static final List<String> NEVER_SHOWN = List.of("SECRETsecret", "CODEcode", "TOKEN", "16C7e42F292c");
    private static final URI CALLBACK = URI.create("https://catwalk.example/auth/github/callback");
    private static final String TOKEN_PATH = "/login/oauth/access_token";
    private static final String USER_PATH = "/api/v3/user";
    private static final String ORGS_PATH = "/api/v3/user/orgs?per_page=100";
    private static final String GRANTED = """
            {"access_token":"%s","token_type":"bearer","scope":"read:user"}""".formatted(TOKEN);
    private static final String USER = """
            {"login":"octocat","id":583231,"node_id":"MDQ6VXNlcjU4MzIzMQ==","type":"User","site_admin":false,
             "name":"The Octocat","company":"@github","blog":"https://github.blog","location":"San Francisco",
             "email":null,"public_repos":8,"followers":20000,"following":9,"created_at":"2011-01-25T18:44:36Z"}""";
    private static final String ORGS = """
            [{"login":"github","id":9919,"node_id":"MDEyOk9yZ2FuaXphdGlvbjk5MTk=","description":"How people build software."},
             {"login":"octo-org","id":6811672,"node_id":"MDEyOk9yZ2FuaXphdGlvbjY4MTE2NzI=","description":null}]""";

    @AfterAll
    static void closeTheClient() {
        CLIENT.close();
    }

    private static GitHubOAuthApp app() {
        return app(CLIENT_ID, SECRET, GitHubOAuthApp.TIMEOUT);
    }

    private static GitHubOAuthApp app(String id, String secret, Duration timeout) {
        return new GitHubOAuthApp(CLIENT, URI.create(GITHUB.baseUrl()), URI.create(GITHUB.baseUrl() + "/api/v3"), id,
                new SecretValue(secret), timeout);
    }

    private static void granting(String tokenAnswer) {
        GITHUB.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson(tokenAnswer)));
    }

    private static void serving(String path, String json) {
        GITHUB.stubFor(get(urlEqualTo(path)).withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .willReturn(okJson(json)));
    }

    /** The exception {@code call} throws, of {@code kind}, checked to show none of the secrets. */
    private static CatwalkException failure(CatwalkException.Kind kind, Executable call) {
        CatwalkException e = assertThrows(CatwalkException.class, call);
        assertEquals(kind, e.kind(), e.getMessage());
        for (Throwable t = e; t != null; t = t.getCause()) {
            String shown = t.getMessage() + " " + (t instanceof CatwalkException c ? c.hint().orElse("") : "") + " "
                    + t;
            for (String secret : NEVER_SHOWN) {
                assertFalse(shown.contains(secret), secret + " shown in: " + shown);
            }
        }
        return e;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : uri.getRawQuery().split("&")) {
            String[] pair = field.split("=", 2);
            fields.put(URLDecoder.decode(pair[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(pair[1], StandardCharsets.UTF_8));
        }
        return fields;
    }

    @Test
    void theAuthorizationUrlAsksForTheAccountOnlyAndOffersNoSignUp() {
        URI url = app().authorizationUrl("st4te+/=&x", CALLBACK, false);

        assertTrue(url.toString().startsWith(GITHUB.baseUrl() + "/login/oauth/authorize?"), url.toString());
        assertEquals(Map.of("client_id", CLIENT_ID, "redirect_uri", CALLBACK.toString(), "scope", "read:user",
                "state", "st4te+/=&x", "allow_signup", "false"), query(url));
    }

    @Test
    void theAuthorizationUrlAsksToReadOrganisationsOnlyWhenTheyAreWanted() {
        URI url = app().authorizationUrl("s", CALLBACK, true);

        assertEquals("read:user read:org", query(url).get("scope"));
        assertTrue(url.getRawQuery().contains("scope=read%3Auser+read%3Aorg"), url.getRawQuery());
    }

    @Test
    void aSignInExchangesTheCodeAndReadsTheAccountWithTheToken() {
        granting(GRANTED);
        serving(USER_PATH, USER);

        SignedIn signedIn = app().signedIn(CODE, CALLBACK, false);

        assertEquals(new SignedIn(new GitHubIdentity(583231, "octocat"), Set.of()), signedIn);
        GITHUB.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("client_id=" + CLIENT_ID
                        + "&client_secret=0f1e2d3cSECRETsecret%2B%2F%3D%26&code=" + CODE
                        + "&redirect_uri=https%3A%2F%2Fcatwalk.example%2Fauth%2Fgithub%2Fcallback")));
        GITHUB.verify(1, getRequestedFor(urlEqualTo(USER_PATH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
        GITHUB.verify(0, getRequestedFor(urlPathEqualTo("/api/v3/user/orgs")));
        assertFalse(signedIn.toString().contains("TOKEN"));
    }

    @Test
    void organisationsAreReadWhenAskedFor() {
        granting(GRANTED.replace("read:user", "read:org,read:user"));
        serving(USER_PATH, USER);
        serving(ORGS_PATH, ORGS);

        SignedIn signedIn = app().signedIn(CODE, CALLBACK, true);

        assertEquals(Set.of("github", "octo-org"), signedIn.organisations());
        assertEquals(new GitHubIdentity(583231, "octocat"), signedIn.identity());
        GITHUB.verify(1, getRequestedFor(urlEqualTo(ORGS_PATH))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28")));
    }

    @Test
    void aRefusedCodeIsUnauthorizedAndNothingElseIsAsked() {
        granting("""
                {"error":"bad_verification_code","error_description":"The code passed is incorrect or expired.",
                 "error_uri":"https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code"}""");
        serving(USER_PATH, USER);

        CatwalkException e = failure(CatwalkException.Kind.UNAUTHORIZED, () -> app().signedIn(CODE, CALLBACK, true));

        assertTrue(e.getMessage().contains("bad_verification_code"), e.getMessage());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        GITHUB.verify(0, getRequestedFor(urlPathEqualTo(USER_PATH)));
    }

    @Test
    void aMalformedCodeIsUnauthorizedWithoutAskingGitHub() {
        for (String code : List.of("", "CODEcode with spaces", "CODEcode" + "x".repeat(300))) {
            failure(CatwalkException.Kind.UNAUTHORIZED, () -> app().signedIn(code, CALLBACK, false));
        }
        GITHUB.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void wrongAppCredentialsAreUnavailableAndNameTheSettings() {
        granting("""
                {"error":"incorrect_client_credentials","error_description":"The client_id and/or client_secret passed are incorrect."}""");

        CatwalkException e = failure(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                () -> app().signedIn(CODE, CALLBACK, false));

        assertTrue(e.getMessage().contains("incorrect_client_credentials"), e.getMessage());
        String hint = e.hint().orElseThrow();
        assertTrue(hint.contains("CATWALK_GITHUB_CLIENT_ID") && hint.contains("CATWALK_GITHUB_CLIENT_SECRET"), hint);
        GITHUB.verify(0, getRequestedFor(urlPathEqualTo(USER_PATH)));
    }

    @Test
    void aCallbackTheAppDoesNotKnowIsUnavailableAndSaysWhichItMustBe() {
        granting("""
                {"error":"redirect_uri_mismatch","error_description":"The redirect_uri MUST match the registered callback URL for this application."}""");

        CatwalkException e = failure(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                () -> app().signedIn(CODE, CALLBACK, false));

        assertTrue(e.getMessage().contains("redirect_uri_mismatch"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("/auth/github/callback"), e.hint().orElseThrow());
        assertTrue(e.hint().orElseThrow().contains(CALLBACK.toString()), e.hint().orElseThrow());
    }

    @Test
    void githubFailingIsUnavailable() {
        GITHUB.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(502)));
        failure(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, () -> app().signedIn(CODE, CALLBACK, false));

        granting(GRANTED);
        GITHUB.stubFor(get(urlEqualTo(USER_PATH)).willReturn(aResponse().withStatus(500)
                .withBody("{\"message\":\"Server Error\"}")));
        CatwalkException user = failure(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                () -> app().signedIn(CODE, CALLBACK, false));
        assertTrue(user.getMessage().contains("HTTP 500"), user.getMessage());

        serving(USER_PATH, USER);
        GITHUB.stubFor(get(urlEqualTo(ORGS_PATH)).willReturn(aResponse().withStatus(403)));
        failure(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, () -> app().signedIn(CODE, CALLBACK, true));
    }

    @Test
    void malformedOrIncompleteAnswersAreUnavailable() {
        // Jackson quotes a token it cannot read: the exception must not keep that as its cause.
        granting("{\"access_token\": " + TOKEN + ", \"token_type\": \"bearer\"}");
        failure(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, () -> app().signedIn(CODE, CALLBACK, false));
        for (String answer : List.of("{\"token_type\":\"bearer\",\"scope\":\"read:user\"}",
                "{\"access_token\":\"gho_TOKEN with a space\",\"token_type\":\"bearer\"}",
                "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"mac\"}", "[\"" + TOKEN + "\"]",
                "{\"error\":\"Über-error\"}")) {
            granting(answer);
            failure(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, () -> app().signedIn(CODE, CALLBACK, false));
        }
        GITHUB.verify(0, getRequestedFor(urlPathEqualTo(USER_PATH)));

        granting(GRANTED);
        for (String user : List.of("{\"login\":\"octocat\",\"id\":", "{\"login\":\"octocat\"}",
                "{\"id\":583231}", "{\"login\":\"octocat\",\"id\":\"583231\"}", "{\"login\":\"-x\",\"id\":1}",
                "{\"login\":\"octocat\",\"id\":0}", "[]")) {
            serving(USER_PATH, user);
            failure(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, () -> app().signedIn(CODE, CALLBACK, false));
        }

        serving(USER_PATH, USER);
        for (String orgs : List.of("[{\"login\":\"github\"", "{\"login\":\"github\"}", "[{\"id\":9919}]")) {
            serving(ORGS_PATH, orgs);
            failure(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, () -> app().signedIn(CODE, CALLBACK, true));
        }
    }

    @Test
    void answersOverTheirBoundAreRefused() {
        granting(GRANTED);
        serving(USER_PATH, USER.replace("\"type\"", "\"bio\":\"" + "x".repeat(GitHubOAuthApp.MAX_USER_BYTES)
                + "\",\"type\""));
        CatwalkException user = failure(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                () -> app().signedIn(CODE, CALLBACK, false));
        assertTrue(user.getMessage().contains("more than " + GitHubOAuthApp.MAX_USER_BYTES + " bytes"),
                user.getMessage());

        serving(USER_PATH, USER);
        String many = IntStream.range(0, 3000).mapToObj(i -> "{\"login\":\"org-" + i + "\",\"description\":\""
                + "d".repeat(100) + "\"}").collect(Collectors.joining(",", "[", "]"));
        assertTrue(many.length() > GitHubOAuthApp.MAX_ORGS_BYTES);
        serving(ORGS_PATH, many);
        CatwalkException orgs = failure(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                () -> app().signedIn(CODE, CALLBACK, true));
        assertTrue(orgs.getMessage().contains("more than " + GitHubOAuthApp.MAX_ORGS_BYTES + " bytes"),
                orgs.getMessage());
    }

    @Test
    void aSlowOrRedirectingApiIsUnavailableAndTheTokenGoesNowhereElse() {
        granting(GRANTED);
        GITHUB.stubFor(get(urlEqualTo(USER_PATH)).willReturn(okJson(USER).withFixedDelay(3000)));
        CatwalkException slow = failure(CatwalkException.Kind.UPSTREAM_UNAVAILABLE,
                () -> app(CLIENT_ID, SECRET, Duration.ofMillis(500)).signedIn(CODE, CALLBACK, false));
        assertTrue(slow.getMessage().contains("did not answer within 500 ms"), slow.getMessage());

        GITHUB.stubFor(get(urlEqualTo(USER_PATH)).willReturn(aResponse().withStatus(302)
                .withHeader("Location", GITHUB.baseUrl() + "/elsewhere")));
        failure(CatwalkException.Kind.UPSTREAM_UNAVAILABLE, () -> app().signedIn(CODE, CALLBACK, false));
        GITHUB.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
    }

    @Test
    void withoutAClientIdOrSecretTheAppIsNotConfiguredAndAsksNothing() {
        assertTrue(app().configured());
        assertFalse(app("", SECRET, GitHubOAuthApp.TIMEOUT).configured());
        assertFalse(app(CLIENT_ID, "", GitHubOAuthApp.TIMEOUT).configured());
        assertFalse(app("", "", GitHubOAuthApp.TIMEOUT).configured());

        GitHubOAuthApp unconfigured = app(CLIENT_ID, "", GitHubOAuthApp.TIMEOUT);
        assertThrows(IllegalStateException.class, () -> unconfigured.authorizationUrl("s", CALLBACK, false));
        assertThrows(IllegalStateException.class, () -> unconfigured.signedIn(CODE, CALLBACK, false));
        GITHUB.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void theDefaultsAreGitHubsOwnHosts() {
        URI url = new GitHubOAuthApp(CLIENT, CLIENT_ID, new SecretValue(SECRET)).authorizationUrl("s", CALLBACK, false);

        assertEquals("https://github.com/login/oauth/authorize",
                url.getScheme() + "://" + url.getHost() + url.getPath());
    }
}
