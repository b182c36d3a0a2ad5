package live.catwalk.bootstrap;

import static live.catwalk.bootstrap.OAuthRequests.challenge;
import static live.catwalk.bootstrap.OAuthRequests.encoded;
import static live.catwalk.bootstrap.OAuthRequests.query;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * MCP authorization end to end against the real jar, step by step as Claude runs it (the reference's §4), with a
 * scripted HTTP client: no token → 401 naming the metadata → protected resource metadata → the server's metadata →
 * dynamic registration → a signed-in person's consent → code → tokens → {@code tools/call} on a real npm server with the
 * access token → refresh with rotation → revocation → 401. A token for one deployment is refused at another, and no
 * token reaches the log. Run on the embedded database and on PostgreSQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OAuthFlowJourney {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String EVERYTHING = "@modelcontextprotocol/server-everything";
    private static final String REDIRECT = "http://127.0.0.1:9/callback";

    @TempDir
    static Path temp;

    private AnalysisStubs stubs;
    private AnalysisStubs.Serving serving;
    private URI base;

    /** The storage variables of the Catwalk under test (none: the embedded database under {@code dir}). */
    protected abstract Map<String, String> storage(Path dir) throws Exception;

    @BeforeAll
    void start() throws Exception {
        stubs = new AnalysisStubs();
        stubs.published("npm", EVERYTHING, "2026.8.31");
        serving = stubs.serve(temp, storage(temp));
        base = serving.api().base();
    }

    @AfterAll
    void stop() {
        AnalysisStubs.stop(serving, stubs);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> form(String path, Map<String, String> params) throws Exception {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded(params))));
    }

    private HttpResponse<String> initialize(String id, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(base.resolve("/mcp/" + id))
                .header("Accept", "application/json, text/event-stream").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"oauth-it\",\"version\":\"1\"}}}"));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return send(r);
    }

    private String deploy(String name) throws Exception {
        ApiClient.Answer created = serving.api().post("/api/deployments", serving.admin(), Map.of("name", name,
                "package", Map.of("registry", "npm", "name", EVERYTHING, "version", "2026.8.31")));
        assertEquals(201, created.status(), created.body().toString());
        return created.body().path("id").asText();
    }

    @Test
    void aClientGoesFromNoTokenToAToolCallAndBackToNoAccess() throws Exception {
        String id = deploy("everything");
        String other = deploy("another");
        serving.api().awaitStatus(id, serving.admin(), "running", Duration.ofSeconds(180));
        String issuer = base.toString().substring(0, base.toString().length() - 1);

        // 1. No token: 401 with the path-inserted metadata URL and the scope.
        HttpResponse<String> refused = initialize(id, null);
        assertEquals(401, refused.statusCode());
        String challenge = refused.headers().firstValue("WWW-Authenticate").orElseThrow();
        String prm = issuer + "/.well-known/oauth-protected-resource/mcp/" + id;
        assertTrue(challenge.contains("resource_metadata=\"" + prm + "\"") && challenge.contains("scope=\"mcp\""),
                challenge);
        assertFalse(challenge.contains("offline_access"), challenge);

        // 2. Protected resource metadata, 3. the server's metadata.
        JsonNode resource = JSON.readTree(send(HttpRequest.newBuilder(URI.create(prm))).body());
        assertEquals(issuer + "/mcp/" + id, resource.path("resource").asText());
        String as = resource.path("authorization_servers").get(0).asText();
        JsonNode meta = JSON.readTree(send(HttpRequest.newBuilder(URI.create(as
                + "/.well-known/oauth-authorization-server"))).body());
        assertEquals(as, meta.path("issuer").asText());
        assertTrue(meta.path("code_challenge_methods_supported").toString().contains("S256"));

        // 4. Dynamic registration of a public client.
        HttpResponse<String> registered = send(HttpRequest.newBuilder(URI.create(meta.path("registration_endpoint")
                .asText())).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"client_name\":\"oauth-it\",\"redirect_uris\":[\"" + REDIRECT + "\"],"
                        + "\"token_endpoint_auth_method\":\"none\",\"grant_types\":[\"authorization_code\","
                        + "\"refresh_token\"],\"response_types\":[\"code\"]}")));
        assertEquals(201, registered.statusCode(), registered.body());
        String clientId = JSON.readTree(registered.body()).path("client_id").asText();

        // 5-6. The person signs in (a browser session) and consents.
        String verifier = "v".repeat(20) + "-verifier-" + "w".repeat(20);
        String challengeS256 = challenge(verifier);
        Map<String, String> request = new LinkedHashMap<>();
        request.put("response_type", "code");
        request.put("client_id", clientId);
        request.put("redirect_uri", REDIRECT);
        request.put("state", "s-123");
        request.put("code_challenge", challengeS256);
        request.put("code_challenge_method", "S256");
        request.put("scope", "mcp offline_access");
        request.put("resource", resource.path("resource").asText());
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(base.resolve("/api/session"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + serving.admin() + "\"}")));
        String setCookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> consent = send(HttpRequest.newBuilder(URI.create(meta.path("authorization_endpoint")
                .asText() + "?" + encoded(request))).header("Cookie", cookie));
        assertEquals(200, consent.statusCode(), consent.body());
        assertTrue(consent.body().contains("oauth-it") && consent.body().contains("everything"), consent.body());
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(consent.body());
        assertTrue(csrf.find());
        Map<String, String> answer = new LinkedHashMap<>(request);
        answer.put("csrf", csrf.group(1));
        answer.put("decision", "allow");
        HttpResponse<String> redirected = send(HttpRequest.newBuilder(base.resolve("/authorize"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded(answer))));
        assertEquals(303, redirected.statusCode(), redirected.body());
        Map<String, String> back = query(redirected.headers().firstValue("Location").orElseThrow());
        assertEquals("s-123", back.get("state"));
        assertEquals(issuer, back.get("iss"));

        // 7. Tokens.
        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", back.get("code"));
        exchange.put("redirect_uri", REDIRECT);
        exchange.put("code_verifier", verifier);
        exchange.put("client_id", clientId);
        exchange.put("resource", resource.path("resource").asText());
        HttpResponse<String> tokens = form("/token", exchange);
        assertEquals(200, tokens.statusCode(), tokens.body());
        JsonNode t = JSON.readTree(tokens.body());
        String access = t.path("access_token").asText();
        assertEquals("mcp offline_access", t.path("scope").asText());

        // 8. The MCP endpoint with the access token: a real tool call; another deployment refuses it.
        TestMcpClient client = new TestMcpClient(base.resolve("/mcp/" + id), access).initialize();
        JsonNode echoed = client.call("echo", "{\"message\":\"through OAuth\"}");
        assertTrue(echoed.toString().contains("through OAuth"), echoed.toString());
        // The server is untrusted: the client's token is not in its environment (everything's get-env prints it).
        String env = client.call("get-env", "{}").toString();
        assertTrue(env.contains("PATH"), env);
        for (String secret : new String[] {access, t.path("refresh_token").asText(), "cwa_", "cwr_"}) {
            assertFalse(env.contains(secret), "no OAuth token in the server's environment");
        }
        HttpResponse<String> elsewhere = initialize(other, access);
        assertEquals(401, elsewhere.statusCode(), "a token for one deployment is refused at another");
        assertTrue(elsewhere.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"invalid_token\""));

        // Refresh with rotation; the old refresh token's reuse ends the grant.
        Map<String, String> refresh = Map.of("grant_type", "refresh_token", "client_id", clientId,
                "refresh_token", t.path("refresh_token").asText());
        JsonNode refreshed = JSON.readTree(form("/token", refresh).body());
        String access2 = refreshed.path("access_token").asText();
        assertEquals(200, initialize(id, access2).statusCode());

        // Revocation: the refresh token's revocation ends the grant and every token of it.
        assertEquals(200, form("/revoke", Map.of("token", refreshed.path("refresh_token").asText(), "client_id",
                clientId)).statusCode());
        assertEquals(401, initialize(id, access2).statusCode());
        assertEquals(401, initialize(id, access).statusCode());

        String log = serving.process().stderrText();
        for (String secret : new String[] {access, access2, t.path("refresh_token").asText(), back.get("code")}) {
            assertFalse(log.contains(secret), "no token or code in the log");
        }
    }
}
