package live.catwalk.adapters.rest.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import live.catwalk.core.account.domain.TokenHash;
import live.catwalk.core.deployment.domain.Deployment;
import live.catwalk.core.oauth.domain.ClientAuthMethod;
import live.catwalk.core.oauth.domain.ClientKind;
import live.catwalk.core.oauth.domain.OAuthClient;
import live.catwalk.core.oauth.domain.OAuthClientId;
import live.catwalk.core.oauth.domain.OAuthLifetimes;
import live.catwalk.core.oauth.domain.Pkce;
import live.catwalk.core.oauth.domain.Redemption;
import live.catwalk.core.oauth.port.in.Authorize;
import live.catwalk.core.oauth.usecase.AuthorizeService;
import live.catwalk.core.shared.CatwalkException;
import live.catwalk.core.shared.fakes.FakeRandomness;
import live.catwalk.core.store.InMemoryStore;
import live.catwalk.core.store.StoreFixtures;
import live.catwalk.core.store.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /authorize} over HTTP: sign-in first, the consent page (escaped, unframeable, its form bound to the session's
 * CSRF token), the answer's redirect with code, state and iss, and the refusals that must never redirect.
 */
class AuthorizeEndpointIT extends OAuthHttpHarness {

    @Test
    void someoneNotSignedInIsSentToSignInAndBack() throws Exception {
        String q = form(params(resource()));
        HttpResponse<String> r = get(q, null);
        assertEquals(303, r.statusCode());
        String location = r.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("/sign-in?next="), location);
        assertEquals("/authorize?" + q, URLDecoder.decode(location.substring(location.indexOf("next=") + 5),
                StandardCharsets.UTF_8));
    }

    @Test
    void theConsentPageNamesClientAnswerHostAndDeploymentEscapedAndCannotBeFramed() throws Exception {
        HttpResponse<String> page = get(form(params(resource())), cookie);
        assertEquals(200, page.statusCode(), page.body());
        String body = page.body();
        assertTrue(body.contains("Tool &lt;script&gt;alert(1)&lt;/script&gt;"), "the client's name, escaped");
        assertFalse(body.contains("<script>"), "no script at all");
        assertTrue(body.contains("<strong>app.example</strong>"), "the host the answer goes to");
        assertTrue(body.contains("weather"), "the deployment");
        assertTrue(body.contains("value=\"xyz &quot;&amp;&lt;\""), "the state carried back, escaped");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertTrue(csp.contains("form-action 'self' https://app.example"), csp);
        assertTrue(csp.contains("default-src 'none'"), csp);
        assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElse(""));
    }

    @Test
    void allowingRedirectsWithACodeTheStateAndTheIssuer() throws Exception {
        Map<String, String> p = params(resource());
        String csrf = csrf(get(form(p), cookie));
        p.put("csrf", csrf);
        p.put("decision", "allow");
        HttpResponse<String> answer = post(form(p), cookie);
        assertEquals(303, answer.statusCode(), answer.body());
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("https://app.example/callback?tenant=1&code=cwo_"), location);
        Map<String, String> q = query(location);
        assertEquals("xyz \"&<", q.get("state"));
        assertEquals(base.toString().substring(0, base.toString().length() - 1), q.get("iss"));
        assertTrue(stores.oauth().redeemCode(TokenHash.of(q.get("code")), java.time.Instant.now())
                instanceof Redemption.Redeemed, "the code is stored, by its hash");
    }

    @Test
    void withoutTheCsrfTokenOrTheSessionTheAnswerIsRefusedAndNothingGranted() throws Exception {
        Map<String, String> p = params(resource());
        p.put("decision", "allow");
        assertEquals(403, post(form(p), cookie).statusCode());
        p.put("csrf", "forged");
        assertEquals(403, post(form(p), cookie).statusCode());
        p.put("csrf", csrf(get(form(params(resource())), cookie)));
        assertEquals(401, post(form(p), null).statusCode());
        assertTrue(stores.oauth().grantsOf(weather.id()).isEmpty());
    }

    @Test
    void denyingRedirectsWithAccessDenied() throws Exception {
        Map<String, String> p = params(resource());
        p.put("csrf", csrf(get(form(p), cookie)));
        p.put("decision", "deny");
        HttpResponse<String> answer = post(form(p), cookie);
        assertEquals(303, answer.statusCode());
        assertEquals("access_denied", query(answer.headers().firstValue("Location").orElseThrow()).get("error"));
    }

    @Test
    void withoutAResourceThePersonChoosesOneOfTheirDeployments() throws Exception {
        Map<String, String> p = params(null);
        HttpResponse<String> page = get(form(p), cookie);
        assertTrue(page.body().contains("<option value=\"" + weather.id().value() + "\">weather"), page.body());
        p.put("csrf", csrf(page));
        p.put("decision", "allow");
        p.put("deployment", weather.id().value());
        HttpResponse<String> answer = post(form(p), cookie);
        assertEquals(303, answer.statusCode(), answer.body());
        assertTrue(query(answer.headers().firstValue("Location").orElseThrow()).containsKey("code"));
    }

    @Test
    void anUntrustedClientOrRedirectIsAPageWithoutARedirect() throws Exception {
        Map<String, String> unknown = params(resource());
        unknown.put("client_id", "cwc_" + "z".repeat(40));
        Map<String, String> foreign = params(resource());
        foreign.put("redirect_uri", "https://evil.example/callback");
        for (Map<String, String> p : List.of(unknown, foreign)) {
            HttpResponse<String> r = get(form(p), cookie);
            assertEquals(400, r.statusCode(), r.body());
            assertTrue(r.headers().firstValue("Location").isEmpty());
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        }
        HttpResponse<String> twice = get(form(params(resource())) + "&state=again", cookie);
        assertEquals(400, twice.statusCode());
        assertTrue(twice.body().contains("state"), twice.body());
        HttpResponse<String> huge = get(form(params(resource())).replace("scope=", "scope=" + "x".repeat(5000)), cookie);
        assertEquals(400, huge.statusCode());
    }

    @Test
    void eachDeploymentHasProtectedResourceMetadataNamingCatwalkAsItsAuthorizationServer() throws Exception {
        String issuer = base.toString().substring(0, base.toString().length() - 1);
        HttpResponse<String> doc = call("GET", "/.well-known/oauth-protected-resource/mcp/" + weather.id().value(),
                null, null);
        assertEquals(200, doc.statusCode(), doc.body());
        var json = JSON.readTree(doc.body());
        assertEquals(resource(), json.path("resource").asText());
        assertEquals(issuer, json.path("authorization_servers").get(0).asText());
        assertEquals("[\"mcp\"]", json.path("scopes_supported").toString(), "never offline_access here");
        assertEquals("[\"header\"]", json.path("bearer_methods_supported").toString());
        assertEquals("*", doc.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals(issuer, JSON.readTree(call("GET", "/.well-known/oauth-protected-resource", null, null).body())
                .path("resource").asText(), "the root document, for clients that look there first");
        assertProblem(call("GET", "/.well-known/oauth-protected-resource/mcp/no-such-one", null, null), 404,
                "not_found");
    }

    @Test
    void aRequestTheClientGotWrongGoesBackToItsRedirectUri() throws Exception {
        Map<String, String> p = params(resource());
        p.put("code_challenge_method", "plain");
        HttpResponse<String> r = get(form(p), cookie);
        assertEquals(303, r.statusCode());
        Map<String, String> q = query(r.headers().firstValue("Location").orElseThrow());
        assertEquals("invalid_request", q.get("error"));
        assertEquals("xyz \"&<", q.get("state"));
    }
}
