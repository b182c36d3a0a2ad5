package live.catwalk.bootstrap;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
/**
 * Catwalk's OAuth consent in a real browser: an application's authorize URL, sign-in, the consent page (axe,
 * screenshot), Allow, back at the application with a code and the state; then the application is disconnected
 * from the deployment's page.
 */
class OAuthConsentIT extends BrowserJourney {

    private static final String REDIRECT = "http://127.0.0.1:1/callback";

    @Test
    void anApplicationAsksConsentGetsACodeAndIsThenDisconnectedFromTheDeploymentsPage() throws Exception {
        ApiClient.Answer created = serving.api().post("/api/deployments", serving.admin(), Map.of("name", "consented",
                "package", Map.of("registry", "npm", "name", EVERYTHING, "version", EVERYTHING_VERSION)));
        assertEquals(201, created.status(), created.body().toString());
        String id = created.body().path("id").asText();
        String authorize = authorizeUrl("Browser test app", "st8", id);
        try (Browser.Tab tab = browser.open("consent", base, 1280, ColorScheme.LIGHT)) {
            Page page = tab.page();
            java.util.concurrent.atomic.AtomicReference<String> landed = new java.util.concurrent.atomic.AtomicReference<>();
            page.route("http://127.0.0.1:1/**", route -> {
                landed.set(route.request().url());
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(200)
                        .setContentType("text/html").setBody("<title>back at the app</title><p>done</p>"));
            });
            page.navigate(authorize);
            // Not signed in: Catwalk's consent comes first (GitHub sign-in is on); a token signs in instead.
            assertThat(heading(page, "Allow Browser test app?")).isVisible();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions()
                    .setName("Allow and sign in with GitHub"))).isVisible();
            tab.assertAccessible("consent page before sign-in");
            tab.screenshot("consent-before-sign-in");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Sign in with a personal token")).click();
            page.getByLabel("Personal access token").fill(serving.admin());
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in").setExact(true)).click();
            assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deny"))).isVisible();
            assertThat(page.locator("main")).containsText("127.0.0.1");
            assertThat(page.locator("main")).containsText("consented");
            tab.assertAccessible("consent page");
            tab.screenshot("consent");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow")).click();
            page.waitForURL(REDIRECT + "?**");
            assertThat(page.locator("body")).containsText("done");
            assertTrue(landed.get().startsWith(REDIRECT + "?code=cwo_"), landed.get());
            assertTrue(landed.get().contains("state=st8"), landed.get());

            page.navigate("/deployments/" + id);
            Locator apps = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Connected apps"));
            assertThat(apps).containsText("Browser test app");
            tab.assertAccessible("a deployment with a connected app");
            apps.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Disconnect Browser test app")).click();
            page.getByRole(AriaRole.DIALOG).getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Disconnect")).click();
            assertThat(apps).containsText("No application is connected");
            tab.assertNothingReported("401");
        } finally {
            serving.api().delete("/api/deployments/" + id, serving.admin());
        }
    }

    @Test
    void withGitHubThePersonAllowsOnCatwalksPageThenSignsInAtGitHubAndTheApplicationGetsItsCode() throws Exception {
        // The admin's user is linked to the GitHub account 900 (as Settings does), and owns a deployment.
        ApiClient.Answer link = serving.api().post("/api/session/github", serving.admin(), java.util.Map.of());
        assertEquals(200, link.status(), link.body().toString());
        stubs.githubAccount("link-900", 900, "browser-admin");
        String linkState = OAuthRequests.query(link.body().path("location").asText()).get("state");
        HttpResponse<String> linked = HTTP.send(HttpRequest.newBuilder(base.resolve("/auth/github/callback?code="
                + "link-900&state=" + linkState)).header("Cookie", "catwalk_github=" + linkState).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(303, linked.statusCode(), linked.body());
        ApiClient.Answer created = serving.api().post("/api/deployments", serving.admin(), Map.of("name", "via-github",
                "package", Map.of("registry", "npm", "name", EVERYTHING, "version", EVERYTHING_VERSION)));
        assertEquals(201, created.status(), created.body().toString());
        String id = created.body().path("id").asText();
        String authorize = authorizeUrl("GitHub path app", "gh8", id);
        stubs.githubAccount("browser-900", 900, "browser-admin");
        try (Browser.Tab tab = browser.open("consent-github", base, 1280, ColorScheme.DARK)) {
            Page page = tab.page();
            java.util.concurrent.atomic.AtomicReference<String> landed = new java.util.concurrent.atomic.AtomicReference<>();
            // GitHub's page, as GitHub answers a person who approved the app before: straight back with a code.
            stubs.github.stubFor(get(urlPathEqualTo("/login/oauth/authorize")).willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(302)
                            .withHeader("Location", base.resolve("/auth/github/callback").toString()
                                    + "?code=browser-900&state={{request.query.state}}")
                            .withTransformers("response-template")));
            page.route("http://127.0.0.1:1/**", route -> {
                landed.set(route.request().url());
                route.fulfill(new com.microsoft.playwright.Route.FulfillOptions().setStatus(200)
                        .setContentType("text/html").setBody("<title>back at the app</title><p>done</p>"));
            });
            page.navigate(authorize);
            assertThat(heading(page, "Allow GitHub path app?")).isVisible();
            assertThat(page.locator("main")).containsText(id);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow and sign in with GitHub")).click();
            page.waitForURL(REDIRECT + "?**");
            stubs.github.verify(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                    urlPathEqualTo("/login/oauth/authorize")).withQueryParam("client_id",
                    com.github.tomakehurst.wiremock.client.WireMock.equalTo("Iv1.browsertest")));
            assertTrue(landed.get().startsWith(REDIRECT + "?code=cwo_"), landed.get());
            assertTrue(landed.get().contains("state=gh8"), landed.get());
            tab.assertNothingReported("401");
        } finally {
            serving.api().delete("/api/deployments/" + id, serving.admin());
        }
    }

    /**
     * A public client named {@code name}, registered with redirect URI {@link #REDIRECT}, and the authorization URL it
     * opens for deployment {@code id} with {@code state}.
     */
    private static String authorizeUrl(String name, String state, String id) throws Exception {
        HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(base.resolve("/register"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"client_name\":\"" + name + "\",\"redirect_uris\":[\"" + REDIRECT + "\"],"
                                + "\"token_endpoint_auth_method\":\"none\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, registered.statusCode(), registered.body());
        String clientId = AnalysisStubs.JSON.readTree(registered.body()).path("client_id").asText();
        return "/authorize?" + OAuthRequests.encoded(new java.util.LinkedHashMap<>(Map.of("response_type", "code",
                "client_id", clientId, "redirect_uri", REDIRECT, "state", state,
                "code_challenge", OAuthRequests.challenge("verifier-" + "v".repeat(50)), "code_challenge_method", "S256",
                "resource", base.resolve("/mcp/" + id).toString())));
    }
}
