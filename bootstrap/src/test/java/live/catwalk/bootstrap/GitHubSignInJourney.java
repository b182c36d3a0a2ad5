package live.catwalk.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static live.catwalk.bootstrap.OAuthRequests.challenge;
import static live.catwalk.bootstrap.OAuthRequests.encoded;
import static live.catwalk.bootstrap.OAuthRequests.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in with GitHub against the real jar and a WireMock GitHub (its OAuth pages and API): the sign-in page's start,
 * the state kept by the browser and checked, a new account let in or refused by the sign-up policy (invite, with a
 * login and an organisation on the allow-list), an existing account matched by its GitHub id after a rename, the admin
 * linking GitHub from Settings, and an MCP client's authorization request that the person allows on Catwalk's consent
 * page before going to GitHub and that ends, back from GitHub, on the client's redirect URI with a code that the token
 * endpoint accepts. Run on the embedded database and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GitHubSignInJourney {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String CLIENT_SECRET = "github-app-secret-0123456789";
    private static final String REDIRECT = "http://127.0.0.1:9/callback";

    @TempDir
    static Path temp;

    private AnalysisStubs stubs;
    private AnalysisStubs.Serving serving;
    private WireMockServer github;
    private URI base;

    /** The storage variables of the Catwalk under test (none: the embedded database under {@code dir}). */
    protected abstract Map<String, String> storage(Path dir) throws Exception;

    @BeforeAll
    void start() throws Exception {
        stubs = new AnalysisStubs();
        github = stubs.github;
        stubs.published("npm", "@catwalk-test/nothing", "1.0.0");
        Map<String, String> env = new HashMap<>(storage(temp));
        env.put("CATWALK_GITHUB_URL", github.baseUrl() + "/");
        env.put("CATWALK_GITHUB_CLIENT_ID", "Iv1.catwalktest");
        env.put("CATWALK_GITHUB_CLIENT_SECRET", CLIENT_SECRET);
        env.put("CATWALK_SIGNUP", "invite");
        env.put("CATWALK_SIGNUP_ALLOW", "ada,acme");
        serving = stubs.serve(temp, env);
        base = serving.api().base();
    }

    @AfterAll
    void stop() {
        AnalysisStubs.stop(serving, stubs);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of the cookie {@code name} a response sets (without attributes); empty if it sets none. */
    private static Optional<String> cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).filter(v -> !v.isEmpty()).findFirst();
    }

    /** The browser at GitHub's page comes back to Catwalk's callback with {@code code}; it kept {@code state}. */
    private HttpResponse<String> back(URI gitHubPage, String keptState, String code) throws Exception {
        Map<String, String> asked = query(gitHubPage.toString());
        assertEquals(base.resolve("/auth/github/callback").toString(), asked.get("redirect_uri"));
        return send(HttpRequest.newBuilder(base.resolve("/auth/github/callback?code=" + code + "&state="
                + URLEncoder.encode(asked.get("state"), StandardCharsets.UTF_8)))
                .header("Cookie", "catwalk_github=" + keptState));
    }

    /** Starts from the sign-in page's button: GitHub's page, and the state the browser keeps. */
    private Map.Entry<URI, String> startFromSignInPage() throws Exception {
        HttpResponse<String> started = send(HttpRequest.newBuilder(base.resolve("/auth/github?next=%2Fdeployments")));
        assertEquals(303, started.statusCode(), started.body());
        URI location = URI.create(started.headers().firstValue("Location").orElseThrow());
        return Map.entry(location, cookie(started, "catwalk_github").orElseThrow());
    }

    private JsonNode session(String sessionCookie) throws Exception {
        HttpResponse<String> me = send(HttpRequest.newBuilder(base.resolve("/api/session"))
                .header("Cookie", "catwalk_session=" + sessionCookie));
        assertEquals(200, me.statusCode(), me.body());
        return JSON.readTree(me.body());
    }

    @Test
    void peopleSignInWithGitHubAsTheSignUpPolicyAllowsAndAreFoundAgainByTheirGitHubId() throws Exception {
        assertEquals("{\"token\":true,\"github\":true}",
                send(HttpRequest.newBuilder(base.resolve("/api/session/methods"))).body());
        var start = startFromSignInPage();
        Map<String, String> asked = query(start.getKey().toString());
        assertEquals(github.baseUrl() + "/login/oauth/authorize", start.getKey().toString().split("\\?")[0]);
        assertEquals("Iv1.catwalktest", asked.get("client_id"));
        assertEquals("read:user read:org", asked.get("scope"), "organisations are on the allow-list");
        assertEquals(start.getValue(), asked.get("state"));

        // The state must be the one this browser kept: a forged or missing one opens nothing, GitHub is not asked.
        stubs.githubAccount("ada-1", 101, "ada");
        int exchanges = github.findAll(postRequestedFor(urlPathEqualTo("/login/oauth/access_token"))).size();
        HttpResponse<String> forged = back(start.getKey(), "another-state", "ada-1");
        assertEquals(401, forged.statusCode(), forged.body());
        assertTrue(cookie(forged, "catwalk_session").isEmpty());
        assertEquals(exchanges, github.findAll(postRequestedFor(urlPathEqualTo("/login/oauth/access_token"))).size(),
                "GitHub is not asked about a sign-in this browser did not start");

        // A listed login gets an account and a session, and lands where it started.
        start = startFromSignInPage();
        HttpResponse<String> in = back(start.getKey(), start.getValue(), "ada-1");
        assertEquals(303, in.statusCode(), in.body());
        assertEquals("/deployments", in.headers().firstValue("Location").orElseThrow());
        String adaSession = cookie(in, "catwalk_session").orElseThrow();
        JsonNode ada = session(adaSession).path("user");
        assertEquals("ada", ada.path("name").asText());
        assertEquals("user", ada.path("role").asText());
        github.verify(postRequestedFor(urlPathEqualTo("/login/oauth/access_token"))
                .withRequestBody(containing("client_secret=" + CLIENT_SECRET))
                .withRequestBody(containing("redirect_uri=" + URLEncoder.encode(
                        base.resolve("/auth/github/callback").toString(), StandardCharsets.UTF_8))));
        HttpResponse<String> replay = back(start.getKey(), start.getValue(), "ada-1");
        assertEquals(401, replay.statusCode(), "a state is used once");

        // Not on the list: refused, and no account is made.
        start = startFromSignInPage();
        stubs.githubAccount("mallory-1", 102, "mallory", "elsewhere");
        HttpResponse<String> refused = back(start.getKey(), start.getValue(), "mallory-1");
        assertEquals(403, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("@mallory") && refused.body().contains("CATWALK_SIGNUP_ALLOW"),
                refused.body());
        assertFalse(serving.api().get("/api/users", serving.admin()).body().toString().contains("mallory"));

        // A member of a listed organisation is let in.
        start = startFromSignInPage();
        stubs.githubAccount("linus-1", 103, "linus", "ACME");
        assertEquals(303, back(start.getKey(), start.getValue(), "linus-1").statusCode());

        // Ada renamed her GitHub account: still the same Catwalk user.
        start = startFromSignInPage();
        stubs.githubAccount("ada-2", 101, "ada-lovelace");
        HttpResponse<String> again = back(start.getKey(), start.getValue(), "ada-2");
        assertEquals(303, again.statusCode(), again.body());
        assertEquals(ada.path("id").asText(),
                session(cookie(again, "catwalk_session").orElseThrow()).path("user").path("id").asText());

        String log = serving.process().stderrText() + serving.process().stdout();
        assertFalse(log.contains(CLIENT_SECRET) || log.contains("gho_ada1") || log.contains(adaSession),
                "no secret reaches the log");
    }

    @Test
    void anApplicationIsAllowedOnCatwalksConsentPageBeforeTheBrowserGoesToGitHub() throws Exception {
        // The admin links a GitHub account from Settings, and owns a deployment.
        ApiClient.Answer link = serving.api().post("/api/session/github", serving.admin(), Map.of());
        assertEquals(200, link.status(), link.body().toString());
        stubs.githubAccount("root-1", 500, "the-admin");
        HttpResponse<String> linked = back(URI.create(link.body().path("location").asText()),
                cookie(link.raw(), "catwalk_github").orElseThrow(), "root-1");
        assertEquals(303, linked.statusCode(), linked.body());
        assertEquals("/settings", linked.headers().firstValue("Location").orElseThrow());
        ApiClient.Answer created = serving.api().post("/api/deployments", serving.admin(), Map.of("name", "linked",
                "package", Map.of("registry", "npm", "name", "@catwalk-test/nothing", "version", "1.0.0")));
        assertEquals(201, created.status(), created.body().toString());
        String resource = base.resolve("/mcp/" + created.body().path("id").asText()).toString();

        HttpResponse<String> registered = send(HttpRequest.newBuilder(base.resolve("/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"client_name\":\"GitHub IT client\",\"redirect_uris\":[\"" + REDIRECT + "\"],"
                                + "\"token_endpoint_auth_method\":\"none\"}")));
        assertEquals(201, registered.statusCode(), registered.body());
        String clientId = JSON.readTree(registered.body()).path("client_id").asText();
        String verifier = "verifier-" + "x".repeat(50);
        Map<String, String> request = new LinkedHashMap<>();
        request.put("response_type", "code");
        request.put("client_id", clientId);
        request.put("redirect_uri", REDIRECT);
        request.put("state", "client-state");
        request.put("code_challenge", challenge(verifier));
        request.put("code_challenge_method", "S256");
        request.put("resource", resource);

        // Not signed in: Catwalk's consent page first, naming the application and where its answer goes.
        HttpResponse<String> consent = send(HttpRequest.newBuilder(base.resolve("/authorize?" + encoded(request))));
        assertEquals(200, consent.statusCode(), consent.body());
        assertTrue(consent.body().contains("GitHub IT client") && consent.body().contains("127.0.0.1")
                && consent.body().contains("Allow and sign in with GitHub"), consent.body());
        assertTrue(consent.headers().firstValue("Content-Security-Policy").orElseThrow()
                .contains("form-action 'self' " + github.baseUrl()), "the form may lead on to GitHub only");
        String consentCookie = cookie(consent, "catwalk_consent").orElseThrow();
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(consent.body());
        assertTrue(csrf.find());
        Map<String, String> answer = new LinkedHashMap<>(request);
        answer.put("csrf", csrf.group(1));
        answer.put("decision", "allow");
        HttpRequest.Builder allow = HttpRequest.newBuilder(base.resolve("/authorize/github"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded(answer)));
        HttpResponse<String> forged = send(allow);
        assertEquals(403, forged.statusCode(), "an answer from another site (no consent cookie) goes nowhere");
        HttpResponse<String> toGitHub = send(allow.copy().header("Cookie", "catwalk_consent=" + consentCookie));
        assertEquals(303, toGitHub.statusCode(), toGitHub.body());
        URI gitHubPage = URI.create(toGitHub.headers().firstValue("Location").orElseThrow());
        assertTrue(gitHubPage.toString().startsWith(github.baseUrl() + "/login/oauth/authorize?"), gitHubPage.toString());

        // Back from GitHub: straight on to the application, with a code the token endpoint takes.
        stubs.githubAccount("root-2", 500, "the-admin");
        HttpResponse<String> done = back(gitHubPage, cookie(toGitHub, "catwalk_github").orElseThrow(), "root-2");
        assertEquals(303, done.statusCode(), done.body());
        String location = done.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith(REDIRECT + "?"), location);
        Map<String, String> code = query(location);
        assertEquals("client-state", code.get("state"));
        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", code.get("code"));
        exchange.put("redirect_uri", REDIRECT);
        exchange.put("code_verifier", verifier);
        exchange.put("client_id", clientId);
        HttpResponse<String> tokens = send(HttpRequest.newBuilder(base.resolve("/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded(exchange))));
        assertEquals(200, tokens.statusCode(), tokens.body());
        assertTrue(JSON.readTree(tokens.body()).path("access_token").asText().startsWith("cwa_"), tokens.body());
    }
}
